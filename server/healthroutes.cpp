#include "healthroutes.h"

#include "eventstore.h"
#include "livefeed.h"
#include "servermetrics.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHealth, "vigil.server.health")

std::optional<HttpReply> HealthRoutes::handle(const QHttpServerRequest &request,
                                              const QString &path)
{
    const bool health = path == u"/api/health";
    if (!health && path != u"/metrics")
        return std::nullopt;
    if (request.method() != QHttpServerRequest::Method::Get)
        return HttpReply::methodNotAllowed("GET"_ba);
    if (health) {
        QString error;
        if (m_context.store->isHealthy(&error))
            return HttpReply::json(200, QJsonObject{{u"status"_s, u"ok"_s}});
        qCWarning(lcHealth).noquote()
            << u"health check: the store cannot read or write now:"_s << error;
        return HttpReply::json(
            503,
            QJsonObject{{u"status"_s, u"unavailable"_s},
                        {u"error"_s, QString(u"the store cannot read or write now: "_s + error)}});
    }
    HttpReply reply;
    reply.contentType = "text/plain; version=0.0.4; charset=utf-8"_ba;
    reply.body = m_context.metrics->exposition(m_context.feed->clientCount());
    return reply;
}

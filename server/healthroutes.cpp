#include "healthroutes.h"

#include "eventstore.h"
#include "livefeed.h"
#include "servermetrics.h"

#include <QHttpServerRequest>
#include <QJsonObject>

using namespace Qt::StringLiterals;

std::optional<HttpReply> HealthRoutes::handle(const QHttpServerRequest &request,
                                              const QString &path)
{
    const bool health = path == u"/api/health";
    if (!health && path != u"/metrics")
        return std::nullopt;
    if (request.method() != QHttpServerRequest::Method::Get)
        return HttpReply::methodNotAllowed("GET"_ba);
    if (health) {
        if (m_context.store->isHealthy())
            return HttpReply::json(200, QJsonObject{{u"status"_s, u"ok"_s}});
        return HttpReply::json(503, QJsonObject{{u"status"_s, u"unavailable"_s},
                                                {u"error"_s, u"the store does not answer"_s}});
    }
    HttpReply reply;
    reply.contentType = "text/plain; version=0.0.4; charset=utf-8"_ba;
    reply.body = m_context.metrics->exposition(m_context.feed->clientCount());
    return reply;
}

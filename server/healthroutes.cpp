#include "healthroutes.h"

#include "eventstore.h"
#include "livefeed.h"
#include "servermetrics.h"

#include <QHttpServerRequest>
#include <QJsonObject>

std::optional<HttpReply> HealthRoutes::handle(const QHttpServerRequest &request,
                                              const QString &path)
{
    const bool health = path == u"/api/health";
    if (!health && path != u"/metrics")
        return std::nullopt;
    if (request.method() != QHttpServerRequest::Method::Get)
        return HttpReply::methodNotAllowed(QByteArrayLiteral("GET"));
    if (health) {
        if (m_context.store->isHealthy())
            return HttpReply::json(200,
                                   QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
        return HttpReply::json(
            503,
            QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")},
                        {QStringLiteral("error"), QStringLiteral("the store does not answer")}});
    }
    HttpReply reply;
    reply.contentType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");
    reply.body = m_context.metrics->exposition(m_context.feed->clientCount());
    return reply;
}

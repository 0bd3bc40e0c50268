#include "supervisionroutes.h"

#include "jsonreader.h"
#include "supervision.h"
#include "utctime.h"

#include <QHttpServerRequest>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

// A count the bridge reports: absent is 0; else a whole number from 0.
std::optional<qint64> count(const QJsonObject &body, QLatin1StringView key)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined())
        return 0;
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    // Below 2^53, where a double still holds every whole number.
    if (number < 0 || number > 9007199254740992.0 || number != double(qint64(number)))
        return std::nullopt;
    return qint64(number);
}

} // namespace

std::optional<HttpReply> SupervisionRoutes::handle(const QHttpServerRequest &request,
                                                   const QString &path)
{
    using Method = QHttpServerRequest::Method;
    if (path == u"/api/heartbeat") {
        if (request.method() != Method::Post)
            return HttpReply::methodNotAllowed("POST"_ba);
        return heartbeat(request);
    }
    if (path == u"/api/bridges") {
        if (request.method() != Method::Get)
            return HttpReply::methodNotAllowed("GET"_ba);
        return bridges();
    }
    return std::nullopt;
}

HttpReply SupervisionRoutes::heartbeat(const QHttpServerRequest &request)
{
    QString error;
    const auto body = JsonReader::readObject(request.body(), &error,
                                             {m_context.maxBody, JsonReader::DefaultMaxDepth});
    if (!body)
        return HttpReply::error(400, u"body: "_s + error);
    const QJsonValue id = body->value("bridge_id"_L1);
    if (!id.isString() || id.toString().isEmpty() || id.toString().size() > MaxBridgeIdLength)
        return HttpReply::error(
            400, u"bridge_id: expected a string of 1 to %1 characters"_s.arg(MaxBridgeIdLength));
    const auto depth = count(*body, "outbox_depth"_L1);
    if (!depth)
        return HttpReply::error(400, u"outbox_depth: expected a whole number from 0"_s);
    const auto dead = count(*body, "dead_letters"_L1);
    if (!dead)
        return HttpReply::error(400, u"dead_letters: expected a whole number from 0"_s);
    if (m_context.supervision->heartbeat(id.toString(), *depth, *dead) ==
        BridgeRegistry::Heartbeat::TooMany)
        return HttpReply::error(429, u"bridge_id: %1 bridges are tracked already, the most there "
                                     "can be"_s.arg(BridgeRegistry::MaxBridges));
    HttpReply reply;
    reply.status = 204;
    return reply;
}

HttpReply SupervisionRoutes::bridges() const
{
    QJsonArray list;
    for (const BridgeRegistry::Bridge &bridge : m_context.supervision->bridges()) {
        list.append(QJsonObject{
            {u"bridge_id"_s, bridge.id},
            {u"online"_s, bridge.online},
            {u"last_seen"_s, bridge.lastSeenMs > 0
                                 ? QJsonValue(UtcTime::isoFromMSecs(bridge.lastSeenMs))
                                 : QJsonValue(QJsonValue::Null)},
            {u"outbox_depth"_s, bridge.outboxDepth},
            {u"dead_letters"_s, bridge.deadLetters},
        });
    }
    return HttpReply::json(200, list);
}

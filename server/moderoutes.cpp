#include "moderoutes.h"

#include "eventstore.h"
#include "jsonreader.h"
#include "livefeed.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMode, "vigil.server.mode")

std::optional<HttpReply> ModeRoutes::handle(const QHttpServerRequest &request, const QString &path)
{
    if (path != u"/api/mode")
        return std::nullopt;
    if (request.method() == QHttpServerRequest::Method::Get)
        return HttpReply::json(200, m_context.store->mode().toJson());
    if (request.method() == QHttpServerRequest::Method::Put)
        return put(request);
    return HttpReply::methodNotAllowed("GET, PUT"_ba);
}

HttpReply ModeRoutes::put(const QHttpServerRequest &request)
{
    QString error;
    const auto object = JsonReader::readObject(request.body(), &error,
                                               {m_context.maxBody, JsonReader::DefaultMaxDepth});
    if (!object)
        return HttpReply::error(400, u"body: "_s + error);
    const auto mode = ModeState::fromName(object->value("mode"_L1).toString());
    if (!mode)
        return HttpReply::error(400, u"mode: expected \"active\" or \"surveillance\""_s);
    ModeState current = m_context.store->mode();
    // Setting the mode it already has changes nothing: no new changed_at, no broadcast.
    if (current.mode == *mode)
        return HttpReply::json(200, current.toJson());
    const ModeState next{*mode, QDateTime::currentMSecsSinceEpoch()};
    if (!m_context.store->setMode(next, &error)) {
        qCWarning(lcMode) << "cannot store the mode:" << error;
        return HttpReply::error(503, u"storage unavailable, try again"_s);
    }
    qCInfo(lcMode) << "mode is now" << ModeState::name(next.mode);
    m_context.feed->broadcastMode(next);
    return HttpReply::json(200, next.toJson());
}

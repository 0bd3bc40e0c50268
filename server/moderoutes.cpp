#include "moderoutes.h"

#include "alarmservice.h"
#include "codegate.h"
#include "jsonreader.h"

#include <QHttpServerRequest>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMode, "vigil.server.mode")

std::optional<HttpReply> ModeRoutes::handle(const QHttpServerRequest &request, const QString &path)
{
    if (path != u"/api/mode")
        return std::nullopt;
    if (request.method() == QHttpServerRequest::Method::Get)
        return HttpReply::json(200, m_context.alarm->modeView().toJson());
    if (request.method() == QHttpServerRequest::Method::Put)
        return put(request);
    return HttpReply::methodNotAllowed("GET, PUT"_ba);
}

// The guide's switch, kept for the clients that only know it: surveillance arms away at once,
// active disarms, with the same codes as PUT /api/alarm.
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
    AlarmService *alarm = m_context.alarm;
    const bool disarming = *mode == ModeState::Mode::Active;
    const bool codeNeeded = disarming || alarm->codeArmRequired();
    // Setting the view it already has changes nothing and asks for nothing.
    if (alarm->modeView().mode == *mode)
        return HttpReply::json(200, alarm->modeView().toJson());
    return m_context.codes->guard(
        object->value("code"_L1), codeNeeded, disarming ? u"disarm"_s : u"arm_away"_s,
        [alarm, mode](const QString &user) {
            QString failure;
            if (!alarm->setModeView(*mode, user, &failure)) {
                qCWarning(lcMode) << "cannot store the mode:" << failure;
                return HttpReply::error(503, u"storage unavailable, try again"_s);
            }
            return HttpReply::json(200, alarm->modeView().toJson());
        });
}

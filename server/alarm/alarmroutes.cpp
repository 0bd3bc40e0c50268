#include "alarmroutes.h"

#include "alarmservice.h"
#include "codegate.h"
#include "jsonreader.h"

#include <QHttpServerRequest>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAlarmRoutes, "vigil.server.alarm.routes")

std::optional<HttpReply> AlarmRoutes::handle(const QHttpServerRequest &request, const QString &path)
{
    if (path != u"/api/alarm")
        return std::nullopt;
    if (request.method() == QHttpServerRequest::Method::Get)
        return HttpReply::json(200, m_context.alarm->toJson());
    if (request.method() == QHttpServerRequest::Method::Put)
        return put(request);
    return HttpReply::methodNotAllowed("GET, PUT"_ba);
}

HttpReply AlarmRoutes::put(const QHttpServerRequest &request)
{
    QString error;
    const auto object = JsonReader::readObject(request.body(), &error,
                                               {m_context.maxBody, JsonReader::DefaultMaxDepth});
    if (!object)
        return HttpReply::error(400, u"body: "_s + error);
    const QString name = object->value("action"_L1).toString();
    const auto action = AlarmMachine::parseAction(name);
    if (!action)
        return HttpReply::error(400, u"action: expected \"arm_away\", \"arm_home\", "
                                     "\"arm_night\", \"disarm\" or \"trigger\""_s);
    const bool arming = *action == AlarmMachine::Action::ArmAway ||
                        *action == AlarmMachine::Action::ArmHome ||
                        *action == AlarmMachine::Action::ArmNight;
    // A panic trigger never waits for a code; disarming always needs one once users exist.
    const bool codeNeeded =
        *action == AlarmMachine::Action::Disarm || (arming && m_context.alarm->codeArmRequired());
    AlarmService *alarm = m_context.alarm;
    return m_context.codes->guard(
        object->value("code"_L1), codeNeeded, name, [alarm, action](const QString &user) {
            QString failure;
            if (!alarm->act(*action, user, &failure)) {
                qCWarning(lcAlarmRoutes) << "cannot store the alarm's change:" << failure;
                return HttpReply::error(503, u"storage unavailable, try again"_s);
            }
            return HttpReply::json(200, alarm->toJson());
        });
}

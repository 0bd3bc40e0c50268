#include "dashboardalarm.h"

#include <QJsonValue>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace {

QDateTime timeOf(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time;
}

} // namespace

bool DashboardAlarm::isState(const QString &name)
{
    static const std::array<QLatin1StringView, 7> states{
        "disarmed"_L1,    "arming"_L1,  "armed_away"_L1, "armed_home"_L1,
        "armed_night"_L1, "pending"_L1, "triggered"_L1,
    };
    return std::find(states.cbegin(), states.cend(), name) != states.cend();
}

std::optional<DashboardAlarm> DashboardAlarm::fromJson(const QJsonObject &object, QString *error)
{
    DashboardAlarm alarm;
    alarm.state = object.value("state"_L1).toString();
    if (!isState(alarm.state)) {
        if (error)
            *error = u"unknown alarm state \"%1\""_s.arg(alarm.state);
        return std::nullopt;
    }
    const QString armedMode = object.value("armed_mode"_L1).toString();
    if (isState(armedMode))
        alarm.armedMode = armedMode;
    alarm.delayEndsAt = timeOf(object.value("delay_ends_at"_L1));
    alarm.changedAt = timeOf(object.value("changed_at"_L1));
    alarm.changedBy = object.value("changed_by"_L1).toString();
    const QJsonValue trigger = object.value("triggered_by"_L1);
    if (trigger.isObject()) {
        const QJsonObject by = trigger.toObject();
        alarm.triggeredBy =
            Trigger{by.value("device_id"_L1).toString(), by.value("source"_L1).toString(),
                    by.value("id"_L1).toInteger()};
    }
    const QJsonObject codes = object.value("code_required"_L1).toObject();
    alarm.codeRequiredArm = codes.value("arm"_L1).toBool();
    alarm.codeRequiredDisarm = codes.value("disarm"_L1).toBool();
    return alarm;
}

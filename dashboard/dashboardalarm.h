#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// The alarm as the server states it, in GET /api/alarm, PUT /api/alarm's answer, the hello's
// "alarm" and {"kind": "alarm"} messages: {"state", "armed_mode", "delay_ends_at", "changed_at",
// "changed_by", "triggered_by", "code_required": {"arm", "disarm"}}. A plain value; what the
// states mean for the views is AlarmControl's.
struct DashboardAlarm
{
    // What started `pending` or `triggered`: the event's sensor.
    struct Trigger
    {
        QString deviceId;
        QString source;
        qint64 id = 0; // the stored event's "id" (0 when the server sent none)

        friend bool operator==(const Trigger &, const Trigger &) = default;
    };

    QString state;         // one of the seven state names
    QString armedMode;     // empty when null (disarmed)
    QDateTime delayEndsAt; // invalid when null (no delay running)
    QDateTime changedAt;   // invalid when the server sent none
    QString changedBy;     // empty when null (a timer, a sensor, no user)
    std::optional<Trigger> triggeredBy;
    bool codeRequiredArm = false;
    bool codeRequiredDisarm = false;

    static bool isState(const QString &name);
    // Nullopt (and *error set) when the object has no known "state"; the other fields are
    // read as far as they are readable (a field of a newer server is ignored).
    static std::optional<DashboardAlarm> fromJson(const QJsonObject &object, QString *error);

    friend bool operator==(const DashboardAlarm &, const DashboardAlarm &) = default;
};

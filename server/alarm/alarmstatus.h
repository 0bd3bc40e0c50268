#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// The event that started a pending or triggered alarm: its device row and its stored row id,
// as "triggered_by" shows it. A plain value; any thread.
struct AlarmTrigger
{
    QString deviceId;
    QString source;
    QJsonValue eventId; // the event's details.event_id, null when it had none
    qint64 id = 0;      // the stored event's row id

    friend bool operator==(const AlarmTrigger &, const AlarmTrigger &) = default;
};

// The alarm's state as GET /api/alarm shows it (without "code_required", which the route adds)
// and as the database keeps it, running delay included, so that a restart resumes it. Only
// AlarmMachine changes it; everything else reads it. A plain value; any thread.
//
// What each state carries (fromJson() rejects any other combination):
//   disarmed     armedMode, delayEndsAtMs and triggeredBy all nullopt
//   arming       armedMode (the mode being entered), delayEndsAtMs (end of the exit delay)
//   armed_*      armedMode == state; no delay, no trigger
//   pending      armedMode, delayEndsAtMs (end of the entry delay), triggeredBy
//   triggered    delayEndsAtMs (end of the trigger time); armedMode nullopt when triggered
//                from disarmed; triggeredBy nullopt for a manual trigger
struct AlarmStatus
{
    enum class State { Disarmed, Arming, ArmedAway, ArmedHome, ArmedNight, Pending, Triggered };
    State state = State::Disarmed;
    // ArmedAway/ArmedHome/ArmedNight: the armed state being entered, held, or returned to after
    // a trigger; nullopt when disarmed (and when triggered from disarmed).
    std::optional<State> armedMode;
    // Milliseconds since the epoch (UTC): the end of the exit delay (arming), the entry delay
    // (pending) or the trigger time (triggered); nullopt in every other state.
    std::optional<qint64> delayEndsAtMs;
    qint64 changedAtMs = 0;
    QString changedBy; // a user's name; empty when nobody (a timer, a sensor, no users) -> null
    std::optional<AlarmTrigger> triggeredBy; // the event that started pending/triggered

    // {"state", "armed_mode", "delay_ends_at", "changed_at", "changed_by", "triggered_by"}, every
    // key always present (null when empty), times as "2026-12-01T20:00:30.000Z";
    // triggered_by as {"device_id", "source", "event_id", "id"}.
    QJsonObject toJson() const;
    // The inverse, for the database: nullopt when a key is missing, a value has the wrong type
    // or name, a time does not parse, or the fields contradict the state (the table above).
    // Keys toJson() does not write (such as the route's "code_required") are ignored.
    static std::optional<AlarmStatus> fromJson(const QJsonObject &json);

    // "disarmed", "arming", "armed_away", "armed_home", "armed_night", "pending", "triggered"
    static QString name(State state);
    static std::optional<State> parseState(const QString &name); // exact names only
    static bool isArmedState(State state); // ArmedAway, ArmedHome or ArmedNight

    // Every state but Disarmed: the guide's "surveillance" view (GET /api/mode).
    bool isArmedOrAlarming() const;

    friend bool operator==(const AlarmStatus &, const AlarmStatus &) = default;
};

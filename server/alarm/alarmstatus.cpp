#include "alarmstatus.h"

#include "utctime.h"

#include <QDateTime>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

using State = AlarmStatus::State;

namespace {

const std::array<std::pair<State, QString>, 7> &stateNames()
{
    static const std::array<std::pair<State, QString>, 7> names{{
        {State::Disarmed, u"disarmed"_s},
        {State::Arming, u"arming"_s},
        {State::ArmedAway, u"armed_away"_s},
        {State::ArmedHome, u"armed_home"_s},
        {State::ArmedNight, u"armed_night"_s},
        {State::Pending, u"pending"_s},
        {State::Triggered, u"triggered"_s},
    }};
    return names;
}

QJsonValue timeOrNull(std::optional<qint64> ms)
{
    return ms ? QJsonValue(UtcTime::isoFromMSecs(*ms)) : QJsonValue(QJsonValue::Null);
}

// The same reading of ISO 8601 as the events' "since": with or without milliseconds, a time
// without a zone taken as UTC.
std::optional<qint64> parseTime(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    return UtcTime::parseIsoMSecs(value.toString());
}

// A time that may be null: false when malformed, else *time is set (nullopt for null).
bool parseOptionalTime(const QJsonValue &value, std::optional<qint64> *time)
{
    if (value.isNull()) {
        *time = std::nullopt;
        return true;
    }
    *time = parseTime(value);
    return time->has_value();
}

// A JSON number that is a whole, non-negative integer (a row id).
std::optional<qint64> parseRowId(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const qint64 id = value.toInteger(-1);
    if (id < 0 || double(id) != value.toDouble())
        return std::nullopt;
    return id;
}

// triggered_by, which may be null: false when malformed, else *trigger is set.
bool parseTrigger(const QJsonValue &value, std::optional<AlarmTrigger> *trigger)
{
    *trigger = std::nullopt;
    if (value.isNull())
        return true;
    if (!value.isObject())
        return false;
    const QJsonObject object = value.toObject();
    const QJsonValue deviceId = object.value("device_id"_L1);
    const QJsonValue source = object.value("source"_L1);
    const std::optional<qint64> id = parseRowId(object.value("id"_L1));
    if (!deviceId.isString() || !source.isString() || !object.contains("event_id"_L1) || !id)
        return false;
    *trigger =
        AlarmTrigger{deviceId.toString(), source.toString(), object.value("event_id"_L1), *id};
    return true;
}

// What each state carries: the table in alarmstatus.h. A status that breaks it would leave the
// machine with, say, a pending that has no deadline and so never triggers.
bool isConsistent(const AlarmStatus &status)
{
    if (status.armedMode && !AlarmStatus::isArmedState(*status.armedMode))
        return false;
    switch (status.state) {
    case State::Disarmed:
        return !status.armedMode && !status.delayEndsAtMs && !status.triggeredBy;
    case State::Arming:
        return status.armedMode && status.delayEndsAtMs && !status.triggeredBy;
    case State::ArmedAway:
    case State::ArmedHome:
    case State::ArmedNight:
        return status.armedMode == status.state && !status.delayEndsAtMs && !status.triggeredBy;
    case State::Pending:
        return status.armedMode && status.delayEndsAtMs && status.triggeredBy;
    case State::Triggered:
        return status.delayEndsAtMs.has_value();
    }
    return false;
}

} // namespace

QJsonObject AlarmStatus::toJson() const
{
    QJsonValue trigger(QJsonValue::Null);
    if (triggeredBy) {
        trigger = QJsonObject{{u"device_id"_s, triggeredBy->deviceId},
                              {u"source"_s, triggeredBy->source},
                              {u"event_id"_s, triggeredBy->eventId},
                              {u"id"_s, triggeredBy->id}};
    }
    return QJsonObject{
        {u"state"_s, name(state)},
        {u"armed_mode"_s, armedMode ? QJsonValue(name(*armedMode)) : QJsonValue(QJsonValue::Null)},
        {u"delay_ends_at"_s, timeOrNull(delayEndsAtMs)},
        {u"changed_at"_s, UtcTime::isoFromMSecs(changedAtMs)},
        {u"changed_by"_s, changedBy.isEmpty() ? QJsonValue(QJsonValue::Null) : changedBy},
        {u"triggered_by"_s, trigger},
    };
}

std::optional<AlarmStatus> AlarmStatus::fromJson(const QJsonObject &json)
{
    for (const auto key : {"state"_L1, "armed_mode"_L1, "delay_ends_at"_L1, "changed_at"_L1,
                           "changed_by"_L1, "triggered_by"_L1}) {
        if (!json.contains(key))
            return std::nullopt;
    }
    AlarmStatus status;

    const std::optional<State> state = parseState(json.value("state"_L1).toString());
    if (!state)
        return std::nullopt;
    status.state = *state;

    const QJsonValue armedMode = json.value("armed_mode"_L1);
    if (!armedMode.isNull()) {
        status.armedMode = parseState(armedMode.toString());
        if (!status.armedMode)
            return std::nullopt;
    }

    const std::optional<qint64> changedAt = parseTime(json.value("changed_at"_L1));
    if (!parseOptionalTime(json.value("delay_ends_at"_L1), &status.delayEndsAtMs) || !changedAt)
        return std::nullopt;
    status.changedAtMs = *changedAt;

    const QJsonValue changedBy = json.value("changed_by"_L1);
    if (!changedBy.isNull() && !changedBy.isString())
        return std::nullopt;
    status.changedBy = changedBy.toString();

    if (!parseTrigger(json.value("triggered_by"_L1), &status.triggeredBy))
        return std::nullopt;

    if (!isConsistent(status))
        return std::nullopt;
    return status;
}

QString AlarmStatus::name(State state)
{
    for (const auto &[value, stateName] : stateNames()) {
        if (value == state)
            return stateName;
    }
    return stateNames().front().second; // unreachable: every enumerator is in the table
}

std::optional<State> AlarmStatus::parseState(const QString &name)
{
    for (const auto &[value, stateName] : stateNames()) {
        if (stateName == name)
            return value;
    }
    return std::nullopt;
}

bool AlarmStatus::isArmedState(State state)
{
    return state == State::ArmedAway || state == State::ArmedHome || state == State::ArmedNight;
}

bool AlarmStatus::isArmedOrAlarming() const
{
    return state != State::Disarmed;
}

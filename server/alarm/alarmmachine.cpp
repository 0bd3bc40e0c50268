#include "alarmmachine.h"

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

using State = AlarmStatus::State;
using Action = AlarmMachine::Action;

namespace {

const std::array<std::pair<Action, QString>, 5> &actionNames()
{
    static const std::array<std::pair<Action, QString>, 5> names{{
        {Action::ArmAway, u"arm_away"_s},
        {Action::ArmHome, u"arm_home"_s},
        {Action::ArmNight, u"arm_night"_s},
        {Action::Disarm, u"disarm"_s},
        {Action::Trigger, u"trigger"_s},
    }};
    return names;
}

AlarmMachine::Delays nonNegative(AlarmMachine::Delays delays)
{
    delays.exitMs = std::max<qint64>(0, delays.exitMs);
    delays.entryMs = std::max<qint64>(0, delays.entryMs);
    delays.triggerMs = std::max<qint64>(0, delays.triggerMs);
    return delays;
}

// The mode an event is judged in: pending and triggered count as the mode they came from.
std::optional<State> judgedState(const AlarmStatus &at)
{
    if (at.state == State::Pending || at.state == State::Triggered)
        return at.armedMode;
    return at.state;
}

// A status with only the fields every state has; the caller fills in the rest.
AlarmStatus statusOf(State state, qint64 atMs, const QString &by)
{
    AlarmStatus next;
    next.state = state;
    next.changedAtMs = atMs;
    next.changedBy = by;
    return next;
}

} // namespace

AlarmMachine::AlarmMachine(Delays delays, AlarmStatus initial, Clock clock)
    : m_delays(nonNegative(delays))
    , m_status(std::move(initial))
    , m_clock(std::move(clock))
{}

const AlarmStatus &AlarmMachine::status() const
{
    return m_status;
}

std::optional<Action> AlarmMachine::parseAction(const QString &name)
{
    for (const auto &[action, actionName] : actionNames()) {
        if (actionName == name)
            return action;
    }
    return std::nullopt;
}

QString AlarmMachine::actionName(Action action)
{
    for (const auto &[candidate, name] : actionNames()) {
        if (candidate == action)
            return name;
    }
    return {};
}

QList<AlarmStatus> AlarmMachine::act(Action action, const QString &by)
{
    QList<AlarmStatus> changes;
    const qint64 nowMs = m_clock();
    advanceTo(nowMs, &changes);
    switch (action) {
    case Action::ArmAway:
        arm(State::ArmedAway, nowMs, by, &changes);
        break;
    case Action::ArmHome:
        arm(State::ArmedHome, nowMs, by, &changes);
        break;
    case Action::ArmNight:
        arm(State::ArmedNight, nowMs, by, &changes);
        break;
    case Action::Disarm:
        if (m_status.state != State::Disarmed)
            change(statusOf(State::Disarmed, nowMs, by), &changes);
        break;
    case Action::Trigger:
        if (m_status.state != State::Triggered)
            triggerNow(std::nullopt, nowMs, by, &changes);
        break;
    }
    advanceTo(nowMs, &changes); // a delay of 0 ends in the same call
    return changes;
}

QList<AlarmStatus> AlarmMachine::sensor(SensorRole role, const AlarmTrigger &trigger)
{
    QList<AlarmStatus> changes;
    const qint64 nowMs = m_clock();
    advanceTo(nowMs, &changes);
    if (!sensorActs(role, m_status))
        return changes;
    const bool immediate = role == SensorRole::Instant || role == SensorRole::Always;
    switch (m_status.state) {
    case State::ArmedAway:
    case State::ArmedHome:
    case State::ArmedNight:
        // With no entry delay an entry sensor triggers at once, without a pending of 0 s.
        if (immediate || m_delays.entryMs == 0) {
            triggerNow(trigger, nowMs, {}, &changes);
        } else {
            AlarmStatus next = statusOf(State::Pending, nowMs, {});
            next.armedMode = m_status.state;
            next.delayEndsAtMs = nowMs + m_delays.entryMs;
            next.triggeredBy = trigger;
            change(next, &changes);
        }
        break;
    case State::Pending:
        if (immediate)
            triggerNow(trigger, nowMs, {}, &changes);
        break; // any other sensor: the entry delay runs on
    case State::Disarmed:
    case State::Arming:
        triggerNow(trigger, nowMs, {}, &changes); // only an always sensor gets here
        break;
    case State::Triggered:
        break; // a new event does not extend the trigger time
    }
    advanceTo(nowMs, &changes);
    return changes;
}

QList<AlarmStatus> AlarmMachine::advance()
{
    QList<AlarmStatus> changes;
    advanceTo(m_clock(), &changes);
    return changes;
}

std::optional<qint64> AlarmMachine::nextDeadlineMs() const
{
    switch (m_status.state) {
    case State::Arming:
    case State::Pending:
    case State::Triggered:
        return m_status.delayEndsAtMs;
    default:
        return std::nullopt;
    }
}

bool AlarmMachine::sensorActs(SensorRole role, const AlarmStatus &at)
{
    if (role == SensorRole::Always)
        return true;
    if (role == SensorRole::Ignored)
        return false;
    const std::optional<State> mode = judgedState(at);
    if (!mode)
        return false; // triggered or pending from disarmed: as disarmed
    switch (*mode) {
    case State::ArmedAway:
        return true;
    case State::ArmedHome:
    case State::ArmedNight:
        return role == SensorRole::Entry || role == SensorRole::Instant;
    default:
        return false; // disarmed, arming
    }
}

void AlarmMachine::advanceTo(qint64 nowMs, QList<AlarmStatus> *changes)
{
    // Each step ends one delay at its own deadline; triggered from pending starts another, so
    // an outage longer than both chains two changes.
    while (const std::optional<qint64> deadline = nextDeadlineMs()) {
        if (nowMs < *deadline)
            return;
        switch (m_status.state) {
        case State::Arming:
        case State::Triggered:
            if (m_status.armedMode) {
                AlarmStatus next = statusOf(*m_status.armedMode, *deadline, {});
                next.armedMode = m_status.armedMode;
                change(next, changes);
            } else {
                change(statusOf(State::Disarmed, *deadline, {}), changes);
            }
            break;
        case State::Pending:
            triggerNow(m_status.triggeredBy, *deadline, {}, changes);
            break;
        default:
            return;
        }
    }
}

void AlarmMachine::change(AlarmStatus next, QList<AlarmStatus> *changes)
{
    m_status = std::move(next);
    changes->append(m_status);
}

void AlarmMachine::arm(State target, qint64 nowMs, const QString &by, QList<AlarmStatus> *changes)
{
    switch (m_status.state) {
    case State::Pending:
    case State::Triggered:
        return; // re-arming neither silences an alarm nor cancels an entry delay
    case State::Arming:
        if (m_status.armedMode == target)
            return;
        break;
    default:
        if (m_status.state == target)
            return;
        break;
    }
    const bool goesThroughExitDelay = target == State::ArmedAway && m_delays.exitMs > 0;
    AlarmStatus next = statusOf(goesThroughExitDelay ? State::Arming : target, nowMs, by);
    next.armedMode = target;
    if (goesThroughExitDelay)
        next.delayEndsAtMs = nowMs + m_delays.exitMs;
    change(next, changes);
}

void AlarmMachine::triggerNow(std::optional<AlarmTrigger> trigger, qint64 nowMs, const QString &by,
                              QList<AlarmStatus> *changes)
{
    AlarmStatus next = statusOf(State::Triggered, nowMs, by);
    // The mode to return to: the one held, being entered (arming) or interrupted (pending).
    next.armedMode = m_status.state == State::Disarmed ? std::nullopt : m_status.armedMode;
    next.delayEndsAtMs = nowMs + m_delays.triggerMs;
    next.triggeredBy = std::move(trigger);
    change(next, changes);
}

#pragma once

#include "alarmstatus.h"
#include "sensorrole.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

// When the alarm arms, triggers and calms down: the whole rule, in one plain class with an
// injected clock and no I/O, no QObject and no timer. Its owner (the server's alarm service, on
// the main thread) persists and broadcasts every status a call returns, and runs one QTimer to
// nextDeadlineMs() that calls advance(). Not thread-safe; the owner deletes it.
//
// Actions (PUT /api/alarm; `by` becomes changedBy, changedAtMs is clock()):
//   arm_away   -> arming (armedMode armed_away, delay exitMs), then armed_away at the deadline;
//                 with exitMs 0 straight to armed_away. From armed_home/night too: switching to
//                 away goes through the exit delay.
//   arm_home,  -> that state at once, from disarmed, arming (the exit delay is dropped) or the
//   arm_night     other armed states.
//   disarm     -> disarmed from every other state: no armed mode, no delay, no trigger.
//   trigger    -> triggered at once from every other state, even disarmed (a panic button):
//                 delay triggerMs, triggeredBy nullopt (manual), armedMode kept (the mode being
//                 entered while arming; nullopt from disarmed).
//   Repeating the current action changes nothing: arm_X while armed_X or arming to X, disarm
//   while disarmed, trigger while triggered. During pending and triggered the arm actions change
//   nothing: re-arming must neither silence a running alarm nor cancel an entry delay; only
//   disarm (and trigger, from pending) does something there.
//
// Sensors (an event whose type is in ALERT_TYPES, from a device row of a role):
//   sensorActs() is the contract's role table; a sensor that does not act changes nothing.
//   armed_*    instant/always -> triggered at once; entry/interior -> pending (delay entryMs,
//              triggeredBy the event), then triggered at the deadline with the same
//              triggeredBy; with entryMs 0 straight to triggered.
//   pending    judged as armedMode; instant/always -> triggered at once, triggeredBy the new
//              event; any other acting sensor changes nothing (the entry delay runs on).
//   triggered  judged as armedMode; nothing changes (a new event does not extend the time).
//   arming,    only always acts -> triggered (armedMode kept).
//   disarmed
//
// Timers (advance(); changedBy empty, changedAtMs the deadline, not the time of the call):
//   arming -> armedMode;  pending -> triggered (delay triggerMs from the entry deadline);
//   triggered -> armedMode, or disarmed when it is nullopt. The exit delay is not run again
//   after a trigger during arming: the trigger time ends in the mode that was being entered.
//   After an outage the changes that fell due chain, each at its own deadline, exactly as if
//   the server had run: a pending whose entry delay and trigger time both passed returns
//   [triggered at the entry deadline, armed_mode at that + triggerMs].
//
// Every call returns the statuses it went through, oldest first (empty: nothing changed), the
// last one being status(); each one is to be stored and notified. A delay of 0 chains in the
// same call (trigger with triggerMs 0 returns triggered then armed_mode). act() and sensor()
// first apply any deadline already passed, as advance() would (those statuses come first in
// the list), so a request that races the owner's timer is judged in the state the alarm is
// really in. A deadline is due when clock() >= it.
class AlarmMachine
{
public:
    enum class Action { ArmAway, ArmHome, ArmNight, Disarm, Trigger };
    // Each may be 0; a negative delay is taken as 0.
    struct Delays
    {
        qint64 exitMs = 60000;
        qint64 entryMs = 30000;
        qint64 triggerMs = 180000;
    };
    using Clock = std::function<qint64()>; // ms since epoch, UTC

    // `initial` is the stored status (AlarmStatus::fromJson), running delays included; it is
    // taken as it is: advance() applies what fell due while the server was down.
    AlarmMachine(Delays delays, AlarmStatus initial, Clock clock);

    const AlarmStatus &status() const;
    Delays delays() const { return m_delays; }
    // "arm_away", "arm_home", "arm_night", "disarm", "trigger"; exact names only.
    static std::optional<Action> parseAction(const QString &name);
    static QString actionName(Action action);

    QList<AlarmStatus> act(Action action, const QString &by);
    // A sensor event of `role` acting NOW (the caller has already decided it is not late).
    QList<AlarmStatus> sensor(SensorRole role, const AlarmTrigger &trigger);
    // The timer changes whose deadlines have passed by clock(), each at its deadline.
    QList<AlarmStatus> advance();
    // When advance() next has something to do: the running delay's end in arming, pending and
    // triggered; nullopt otherwise.
    std::optional<qint64> nextDeadlineMs() const;

    // Whether an event from a sensor of `role` acts ("alert": true) when it happens in state
    // `at`; pure, so that late events are judged by the state they happened in.
    //   disarmed, arming: only always
    //   armed_away: all but ignored
    //   armed_home, armed_night: entry, instant, always
    //   pending, triggered: as at.armedMode (as disarmed when it is nullopt)
    static bool sensorActs(SensorRole role, const AlarmStatus &at);

private:
    // The timer changes due by nowMs, appended to `changes`.
    void advanceTo(qint64 nowMs, QList<AlarmStatus> *changes);
    void change(AlarmStatus next, QList<AlarmStatus> *changes);
    void arm(AlarmStatus::State target, qint64 nowMs, const QString &by,
             QList<AlarmStatus> *changes);
    void triggerNow(std::optional<AlarmTrigger> trigger, qint64 nowMs, const QString &by,
                    QList<AlarmStatus> *changes);

    Delays m_delays;
    AlarmStatus m_status;
    Clock m_clock;
};

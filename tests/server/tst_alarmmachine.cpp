// AlarmMachine, the alarm's whole rule, with a hand-moved clock: the contract's role table, every
// action from every state, the delays, their deadlines after an outage, and delays of 0.
#include "alarmmachine.h"

#include <QTest>

using namespace Qt::StringLiterals;

using State = AlarmStatus::State;
using Action = AlarmMachine::Action;

namespace {

constexpr qint64 Start = 1'800'000'000'000; // some time in 2027
const AlarmMachine::Delays Delays{60000, 30000, 180000};

AlarmTrigger sensorEvent(qint64 id)
{
    return {u"pi-door"_s, u"pir"_s, QJsonValue(u"e%1"_s.arg(id)), id};
}

// A machine whose clock the test moves.
struct Rig
{
    explicit Rig(AlarmStatus initial = {}, AlarmMachine::Delays delays = Delays)
        : machine(delays, std::move(initial), [this] { return now; })
    {}
    qint64 now = Start;
    AlarmMachine machine;
};

AlarmStatus armedAt(State mode, qint64 atMs)
{
    AlarmStatus status;
    status.state = mode;
    status.armedMode = mode;
    status.changedAtMs = atMs;
    return status;
}

QList<State> statesOf(const QList<AlarmStatus> &changes)
{
    QList<State> states;
    for (const AlarmStatus &status : changes)
        states.append(status.state);
    return states;
}

} // namespace

class tst_AlarmMachine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roleTable_data();
    void roleTable();
    void actions_data();
    void actions();
    void armAwayRunsTheExitDelay();
    void entryDelayThenTriggerThenBackToTheMode();
    void instantSensorDuringEntryDelayTriggersAtOnce();
    void disarmDuringEntryDelayCancelsIt();
    void armingDoesNotSilenceARunningAlarm();
    void triggerFromDisarmedEndsDisarmed();
    void outageChainsEveryDeadlineAtItsOwnTime();
    void actionAppliesAPassedDeadlineFirst();
    void zeroDelaysChainInOneCall();
    void eventsNeverExtendTheTriggerTime();
    void actionNames();
};

void tst_AlarmMachine::roleTable_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<QList<bool>>("acts"); // entry, interior, instant, always, ignored

    QTest::addRow("disarmed") << State::Disarmed << QList<bool>{false, false, false, true, false};
    QTest::addRow("arming") << State::Arming << QList<bool>{false, false, false, true, false};
    QTest::addRow("armed_away") << State::ArmedAway << QList<bool>{true, true, true, true, false};
    QTest::addRow("armed_home") << State::ArmedHome << QList<bool>{true, false, true, true, false};
    QTest::addRow("armed_night") << State::ArmedNight
                                 << QList<bool>{true, false, true, true, false};
}

void tst_AlarmMachine::roleTable()
{
    QFETCH(State, state);
    QFETCH(QList<bool>, acts);
    const QList<SensorRole> roles{SensorRole::Entry, SensorRole::Interior, SensorRole::Instant,
                                  SensorRole::Always, SensorRole::Ignored};
    AlarmStatus at;
    at.state = state;
    if (state != State::Disarmed)
        at.armedMode = state == State::Arming ? State::ArmedAway : state;
    for (qsizetype i = 0; i < roles.size(); ++i) {
        QVERIFY2(AlarmMachine::sensorActs(roles[i], at) == acts[i],
                 qPrintable(SensorRoleName::of(roles[i])));
        // Pending and triggered are judged as the mode they came from.
        if (AlarmStatus::isArmedState(state)) {
            for (const State alarming : {State::Pending, State::Triggered}) {
                AlarmStatus during = at;
                during.state = alarming;
                QCOMPARE(AlarmMachine::sensorActs(roles[i], during), acts[i]);
            }
        }
    }
}

void tst_AlarmMachine::actions_data()
{
    QTest::addColumn<AlarmStatus>("from");
    QTest::addColumn<Action>("action");
    QTest::addColumn<QList<State>>("through");

    const AlarmStatus disarmed;
    AlarmStatus arming;
    arming.state = State::Arming;
    arming.armedMode = State::ArmedAway;
    arming.delayEndsAtMs = Start + 1000;
    AlarmStatus pending;
    pending.state = State::Pending;
    pending.armedMode = State::ArmedAway;
    pending.delayEndsAtMs = Start + 1000;
    pending.triggeredBy = sensorEvent(1);
    AlarmStatus triggered = pending;
    triggered.state = State::Triggered;

    QTest::addRow("disarmed arm_away")
        << disarmed << Action::ArmAway << QList<State>{State::Arming};
    QTest::addRow("disarmed arm_home")
        << disarmed << Action::ArmHome << QList<State>{State::ArmedHome};
    QTest::addRow("disarmed arm_night")
        << disarmed << Action::ArmNight << QList<State>{State::ArmedNight};
    QTest::addRow("disarmed disarm") << disarmed << Action::Disarm << QList<State>{};
    QTest::addRow("disarmed trigger (panic)")
        << disarmed << Action::Trigger << QList<State>{State::Triggered};
    QTest::addRow("arming arm_away again") << arming << Action::ArmAway << QList<State>{};
    QTest::addRow("arming arm_home drops the delay")
        << arming << Action::ArmHome << QList<State>{State::ArmedHome};
    QTest::addRow("arming disarm") << arming << Action::Disarm << QList<State>{State::Disarmed};
    QTest::addRow("armed_home arm_away goes through the delay")
        << armedAt(State::ArmedHome, Start) << Action::ArmAway << QList<State>{State::Arming};
    QTest::addRow("armed_away arm_night")
        << armedAt(State::ArmedAway, Start) << Action::ArmNight << QList<State>{State::ArmedNight};
    QTest::addRow("armed_home arm_home again")
        << armedAt(State::ArmedHome, Start) << Action::ArmHome << QList<State>{};
    QTest::addRow("pending arm_home keeps the entry delay")
        << pending << Action::ArmHome << QList<State>{};
    QTest::addRow("pending trigger")
        << pending << Action::Trigger << QList<State>{State::Triggered};
    QTest::addRow("pending disarm") << pending << Action::Disarm << QList<State>{State::Disarmed};
    QTest::addRow("triggered arm_away") << triggered << Action::ArmAway << QList<State>{};
    QTest::addRow("triggered trigger") << triggered << Action::Trigger << QList<State>{};
    QTest::addRow("triggered disarm")
        << triggered << Action::Disarm << QList<State>{State::Disarmed};
}

void tst_AlarmMachine::actions()
{
    QFETCH(AlarmStatus, from);
    QFETCH(Action, action);
    QFETCH(QList<State>, through);
    Rig rig(from);
    const QList<AlarmStatus> changes = rig.machine.act(action, u"alice"_s);
    QCOMPARE(statesOf(changes), through);
    if (changes.isEmpty()) {
        QCOMPARE(rig.machine.status(), from);
        return;
    }
    QCOMPARE(changes.last(), rig.machine.status());
    QCOMPARE(rig.machine.status().changedBy, u"alice"_s);
    QCOMPARE(rig.machine.status().changedAtMs, Start);
    // Every status it went through is one the database can store and read back.
    QCOMPARE(AlarmStatus::fromJson(rig.machine.status().toJson()), rig.machine.status());
}

void tst_AlarmMachine::armAwayRunsTheExitDelay()
{
    Rig rig;
    rig.machine.act(Action::ArmAway, u"alice"_s);
    QCOMPARE(rig.machine.status().armedMode, State::ArmedAway);
    QCOMPARE(rig.machine.nextDeadlineMs(), Start + Delays.exitMs);
    // A door opened on the way out changes nothing.
    QVERIFY(rig.machine.sensor(SensorRole::Entry, sensorEvent(1)).isEmpty());
    rig.now = Start + Delays.exitMs - 1;
    QVERIFY(rig.machine.advance().isEmpty());
    rig.now = Start + Delays.exitMs + 5000; // the timer fired late
    const QList<AlarmStatus> changes = rig.machine.advance();
    QCOMPARE(statesOf(changes), QList<State>{State::ArmedAway});
    QCOMPARE(changes.last().changedAtMs, Start + Delays.exitMs); // at the deadline
    QCOMPARE(changes.last().changedBy, QString());
    QCOMPARE(rig.machine.nextDeadlineMs(), std::nullopt);
}

void tst_AlarmMachine::entryDelayThenTriggerThenBackToTheMode()
{
    Rig rig(armedAt(State::ArmedHome, Start - 1000));
    QCOMPARE(statesOf(rig.machine.sensor(SensorRole::Entry, sensorEvent(7))),
             QList<State>{State::Pending});
    QCOMPARE(rig.machine.status().triggeredBy, sensorEvent(7));
    QCOMPARE(rig.machine.nextDeadlineMs(), Start + Delays.entryMs);
    // The interior sensor does not act when armed home; another entry event does not restart
    // the delay.
    rig.now += 1000;
    QVERIFY(rig.machine.sensor(SensorRole::Interior, sensorEvent(8)).isEmpty());
    QVERIFY(rig.machine.sensor(SensorRole::Entry, sensorEvent(9)).isEmpty());
    rig.now = Start + Delays.entryMs;
    const QList<AlarmStatus> triggered = rig.machine.advance();
    QCOMPARE(statesOf(triggered), QList<State>{State::Triggered});
    QCOMPARE(triggered.last().triggeredBy, sensorEvent(7));
    QCOMPARE(triggered.last().armedMode, State::ArmedHome);
    rig.now = Start + Delays.entryMs + Delays.triggerMs;
    QCOMPARE(statesOf(rig.machine.advance()), QList<State>{State::ArmedHome});
    QCOMPARE(rig.machine.status().triggeredBy, std::nullopt);
}

void tst_AlarmMachine::instantSensorDuringEntryDelayTriggersAtOnce()
{
    Rig rig(armedAt(State::ArmedAway, Start));
    rig.machine.sensor(SensorRole::Interior, sensorEvent(1));
    rig.now += 2000;
    const QList<AlarmStatus> changes = rig.machine.sensor(SensorRole::Instant, sensorEvent(2));
    QCOMPARE(statesOf(changes), QList<State>{State::Triggered});
    QCOMPARE(changes.last().triggeredBy, sensorEvent(2));
    QCOMPARE(changes.last().delayEndsAtMs, Start + 2000 + Delays.triggerMs);
}

void tst_AlarmMachine::disarmDuringEntryDelayCancelsIt()
{
    Rig rig(armedAt(State::ArmedAway, Start));
    rig.machine.sensor(SensorRole::Entry, sensorEvent(1));
    rig.now += Delays.entryMs - 1;
    QCOMPARE(statesOf(rig.machine.act(Action::Disarm, u"bob"_s)), QList<State>{State::Disarmed});
    rig.now += Delays.entryMs * 10;
    QVERIFY(rig.machine.advance().isEmpty());
    QCOMPARE(rig.machine.status().state, State::Disarmed);
}

void tst_AlarmMachine::armingDoesNotSilenceARunningAlarm()
{
    Rig rig(armedAt(State::ArmedNight, Start));
    rig.machine.sensor(SensorRole::Always, sensorEvent(1));
    QCOMPARE(rig.machine.status().state, State::Triggered);
    for (const Action action : {Action::ArmAway, Action::ArmHome, Action::ArmNight})
        QVERIFY(rig.machine.act(action, u"alice"_s).isEmpty());
    QCOMPARE(rig.machine.status().state, State::Triggered);
}

void tst_AlarmMachine::triggerFromDisarmedEndsDisarmed()
{
    Rig rig;
    // A smoke detector (always) acts while disarmed.
    QCOMPARE(statesOf(rig.machine.sensor(SensorRole::Always, sensorEvent(1))),
             QList<State>{State::Triggered});
    QCOMPARE(rig.machine.status().armedMode, std::nullopt);
    rig.now += Delays.triggerMs;
    QCOMPARE(statesOf(rig.machine.advance()), QList<State>{State::Disarmed});
}

void tst_AlarmMachine::outageChainsEveryDeadlineAtItsOwnTime()
{
    AlarmStatus pending;
    pending.state = State::Pending;
    pending.armedMode = State::ArmedAway;
    pending.delayEndsAtMs = Start + 10000;
    pending.changedAtMs = Start - 20000;
    pending.triggeredBy = sensorEvent(3);
    Rig rig(pending);
    rig.now = Start + 24LL * 3600 * 1000; // back a day later
    const QList<AlarmStatus> changes = rig.machine.advance();
    QCOMPARE(statesOf(changes), (QList<State>{State::Triggered, State::ArmedAway}));
    QCOMPARE(changes[0].changedAtMs, Start + 10000);
    QCOMPARE(changes[1].changedAtMs, Start + 10000 + Delays.triggerMs);
}

void tst_AlarmMachine::actionAppliesAPassedDeadlineFirst()
{
    Rig rig;
    rig.machine.act(Action::ArmAway, u"alice"_s);
    rig.now = Start + Delays.exitMs + 1; // the timer has not run yet
    const QList<AlarmStatus> changes = rig.machine.sensor(SensorRole::Entry, sensorEvent(1));
    QCOMPARE(statesOf(changes), (QList<State>{State::ArmedAway, State::Pending}));
}

void tst_AlarmMachine::zeroDelaysChainInOneCall()
{
    Rig rig({}, {0, 0, 0});
    QCOMPARE(statesOf(rig.machine.act(Action::ArmAway, u"alice"_s)),
             QList<State>{State::ArmedAway});
    QCOMPARE(statesOf(rig.machine.sensor(SensorRole::Entry, sensorEvent(1))),
             (QList<State>{State::Triggered, State::ArmedAway}));
    // Negative delays count as 0.
    Rig negative({}, {-5, -5, -5});
    QCOMPARE(negative.machine.delays().exitMs, qint64(0));
    QCOMPARE(statesOf(negative.machine.act(Action::Trigger, {})),
             (QList<State>{State::Triggered, State::Disarmed}));
}

void tst_AlarmMachine::eventsNeverExtendTheTriggerTime()
{
    Rig rig(armedAt(State::ArmedAway, Start));
    rig.machine.sensor(SensorRole::Instant, sensorEvent(1));
    const std::optional<qint64> deadline = rig.machine.nextDeadlineMs();
    rig.now += 60000;
    QVERIFY(rig.machine.sensor(SensorRole::Instant, sensorEvent(2)).isEmpty());
    QCOMPARE(rig.machine.nextDeadlineMs(), deadline);
    QCOMPARE(rig.machine.status().triggeredBy, sensorEvent(1));
}

void tst_AlarmMachine::actionNames()
{
    for (const Action action :
         {Action::ArmAway, Action::ArmHome, Action::ArmNight, Action::Disarm, Action::Trigger})
        QCOMPARE(AlarmMachine::parseAction(AlarmMachine::actionName(action)), action);
    QCOMPARE(AlarmMachine::parseAction(u"ARM_AWAY"_s), std::nullopt);
    QCOMPARE(AlarmMachine::parseAction(u"arm"_s), std::nullopt);
    QCOMPARE(AlarmMachine::parseAction(QString()), std::nullopt);
}

QTEST_GUILESS_MAIN(tst_AlarmMachine)
#include "tst_alarmmachine.moc"

// AlarmControl: its countdown on an injected clock, then its requests against the real
// vigil-server (with EXIT_DELAY and a user, as the lead's alarm tests start one): arming, the
// countdown of the exit delay, a wrong code (403), the right one, the lockout (429), and the
// alarm reaching a ServerConnection through the feed, with the chime repeating during the entry
// delay.
#include "alarmcontrol.h"
#include "alarmtestserver.h"
#include "dashboardapi.h"
#include "guidepayloads.h"
#include "serverconnection.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr int Deadline = 15000;
const QString AliceCode = u"4711"_s;

const QDateTime Start = QDateTime::fromString(u"2026-12-01T20:00:00.000Z"_s, Qt::ISODateWithMs);

DashboardAlarm arming(const QDateTime &endsAt)
{
    DashboardAlarm alarm;
    alarm.state = u"arming"_s;
    alarm.armedMode = u"armed_away"_s;
    alarm.changedAt = Start;
    alarm.delayEndsAt = endsAt;
    alarm.codeRequiredDisarm = true;
    return alarm;
}

bool addUser(AlarmTestServer &server, const QString &name, const QString &code)
{
    return server.http()
               .post(u"/api/users"_s,
                     GuidePayloads::bytes(QJsonObject{{u"name"_s, name}, {u"code"_s, code}}))
               .status == 201;
}

// An AlarmControl on `server` through a DashboardApi, as ServerConnection makes one.
struct Client
{
    DashboardApi api;
    AlarmControl control{&api};
    QSignalSpy succeeded{&control, &AlarmControl::succeeded};
    QSignalSpy failed{&control, &AlarmControl::failed};

    explicit Client(const QUrl &url) { api.setServerUrl(url); }

    // Sends `action` and waits for the answer; true when the server took it.
    bool act(const QString &action, const QString &code = {})
    {
        const qsizetype before = succeeded.size() + failed.size();
        control.request(action, code);
        if (!QTest::qWaitFor([&] { return succeeded.size() + failed.size() > before; }, Deadline))
            return false;
        return succeeded.size() + failed.size() == before + 1 && succeeded.size() > 0 &&
               succeeded.constLast().constFirst().toString() == action &&
               control.status() == AlarmControl::Status::Ready;
    }
};

} // namespace

class TestAlarmControl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theCountdownFollowsTheInjectedClock()
    {
        DashboardApi api;
        AlarmControl control(&api);
        QDateTime now = Start;
        control.setClock([&now] { return now; });
        QSignalSpy seconds(&control, &AlarmControl::secondsLeftChanged);
        QCOMPARE(control.status(), AlarmControl::Status::Unknown);
        QVERIFY(!control.isAvailable());

        control.apply(arming(Start.addSecs(30)));
        QCOMPARE(control.status(), AlarmControl::Status::Ready);
        QVERIFY(control.isAvailable());
        QVERIFY(control.isCounting());
        QCOMPARE(control.secondsLeft(), 30);
        QCOMPARE(control.countdownText(), u"0:30"_s);

        now = Start.addMSecs(10200); // 19.8 s left: the screen shows 20 until they have passed
        control.tick();
        QCOMPARE(control.secondsLeft(), 20);
        now = Start.addSecs(29).addMSecs(1);
        control.tick();
        QCOMPARE(control.secondsLeft(), 1);
        now = Start.addSecs(31);
        control.tick();
        QCOMPARE(control.secondsLeft(), 0);
        QVERIFY(!control.isCounting());
        QCOMPARE(control.countdownText(), QString());
        QCOMPARE(seconds.size(), 4);

        DashboardAlarm triggered = arming(Start.addSecs(180 + 31));
        triggered.state = u"triggered"_s;
        control.apply(triggered);
        QCOMPARE(control.countdownText(), u"3:00"_s);
    }

    void whatIsOfferedAndWhatNeedsACode_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("armCode");
        QTest::addColumn<QStringList>("actions");
        QTest::addColumn<QStringList>("needCode");
        const QStringList arm{u"arm_away"_s, u"arm_home"_s, u"arm_night"_s};
        // A user exists in every row: disarming needs the code, in any state.
        QTest::addRow("disarmed") << u"disarmed"_s << false << arm << QStringList{u"disarm"_s};
        QTest::addRow("disarmed, arm code")
            << u"disarmed"_s << true << arm << QStringList{u"disarm"_s} + arm;
        QTest::addRow("arming") << u"arming"_s << false << QStringList{u"disarm"_s}
                                << QStringList{u"disarm"_s};
        QTest::addRow("pending") << u"pending"_s << true << QStringList{u"disarm"_s}
                                 << QStringList{u"disarm"_s} + arm;
        QTest::addRow("triggered")
            << u"triggered"_s << false << QStringList{u"disarm"_s} << QStringList{u"disarm"_s};
    }

    void whatIsOfferedAndWhatNeedsACode()
    {
        QFETCH(QString, state);
        QFETCH(bool, armCode);
        QFETCH(QStringList, actions);
        QFETCH(QStringList, needCode);
        DashboardApi api;
        AlarmControl control(&api);
        DashboardAlarm alarm = arming({});
        alarm.state = state;
        alarm.codeRequiredArm = armCode;
        control.apply(alarm);
        QCOMPARE(control.actions(), actions);
        for (const QString &action : {u"arm_away"_s, u"arm_home"_s, u"arm_night"_s, u"disarm"_s})
            QCOMPARE(control.needsCode(action), needCode.contains(action));
        QVERIFY(!control.offers(u"trigger"_s));
    }

    void armingStartsTheExitDelayCountdown()
    {
        AlarmTestServer server({.exit = 60});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        Client client(server.process().url());
        QVERIFY(client.act(u"arm_away"_s));
        QCOMPARE(client.control.state(), u"arming"_s);
        QCOMPARE(client.control.armedMode(), u"armed_away"_s);
        QCOMPARE(server.state(), u"arming"_s);
        // On a clock at the moment the server armed, the whole delay is left...
        const QDateTime armedAt = client.control.changedAt();
        QVERIFY(armedAt.isValid());
        QDateTime now = armedAt;
        client.control.setClock([&now] { return now; });
        QCOMPARE(client.control.secondsLeft(), 60);
        QCOMPARE(client.control.countdownText(), u"1:00"_s);
        // ...and 15.5 s later, 45 (rounded up, as a countdown shows it).
        now = armedAt.addMSecs(15500);
        client.control.tick();
        QCOMPARE(client.control.secondsLeft(), 45);
    }

    void codesAsTheServerAsksForThem()
    {
        AlarmTestServer server({.exit = 60});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(addUser(server, u"alice"_s, AliceCode));
        Client client(server.process().url());
        // Arming needs no code (CODE_ARM_REQUIRED is off); the answer says disarming does.
        QVERIFY(client.act(u"arm_away"_s));
        QVERIFY(!client.control.needsCode(u"arm_away"_s));
        QVERIFY(client.control.needsCode(u"disarm"_s));
        QCOMPARE(client.control.changedBy(), QString());

        // A wrong code: 403, said as such, and the state stays.
        QVERIFY(!client.act(u"disarm"_s, u"0000"_s));
        QCOMPARE(client.failed.size(), 1);
        QCOMPARE(client.control.status(), AlarmControl::Status::Failed);
        QCOMPARE(client.control.errorString(), u"Wrong code"_s);
        QCOMPARE(client.control.state(), u"arming"_s);
        QCOMPARE(server.state(), u"arming"_s);
        // No code at all is refused the same way.
        QVERIFY(!client.act(u"disarm"_s));
        QCOMPARE(client.control.errorString(), u"Wrong code"_s);

        // The right one: disarmed, by alice, and the error is gone.
        QVERIFY(client.act(u"disarm"_s, AliceCode));
        QCOMPARE(client.control.state(), u"disarmed"_s);
        QCOMPARE(client.control.changedBy(), u"alice"_s);
        QCOMPARE(client.control.errorString(), QString());
        QVERIFY(!client.control.isCounting());
        QCOMPARE(server.state(), u"disarmed"_s);
    }

    void tooManyWrongCodesSayHowLongTheLockLasts()
    {
        QProcessEnvironment env;
        env.insert(u"CODE_MAX_ATTEMPTS"_s, u"2"_s);
        env.insert(u"CODE_LOCKOUT"_s, u"120"_s);
        AlarmTestServer server({.exit = 60}, env);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(addUser(server, u"alice"_s, AliceCode));
        Client client(server.process().url());
        QVERIFY(client.act(u"arm_home"_s));
        QVERIFY(!client.act(u"disarm"_s, u"1111"_s));
        QVERIFY(!client.act(u"disarm"_s, u"2222"_s));
        QCOMPARE(client.control.errorString(), u"Wrong code"_s);
        // Now every code is refused, the right one too, for CODE_LOCKOUT seconds.
        QVERIFY(!client.act(u"disarm"_s, AliceCode));
        const QString locked = client.control.errorString();
        QVERIFY2(locked.startsWith(u"Too many wrong codes: locked for 1"_s), qPrintable(locked));
        QVERIFY2(locked.endsWith(u" s"_s), qPrintable(locked));
        QCOMPARE(server.state(), u"armed_home"_s);
    }

    void theFeedBringsTheAlarmAndTheChimeRepeatsDuringTheEntryDelay()
    {
        AlarmTestServer server({.exit = 0, .entry = 60});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(addUser(server, u"alice"_s, AliceCode));
        ServerConnection connection;
        connection.alert()->setRepeatInterval(50ms);
        QSignalSpy rings(connection.alert(), &AlertController::ringRequested);
        QSignalSpy silenced(connection.alert(), &AlertController::silenced);
        QSignalSpy entry(connection.alarm(), &AlarmControl::entryDelayStarted);
        connection.setServerUrl(server.process().url());
        connection.start();
        // The hello's alarm.
        QTRY_COMPARE_WITH_TIMEOUT(connection.alarm()->state(), u"disarmed"_s, Deadline);
        QVERIFY(connection.alarm()->isAvailable());
        QVERIFY(connection.alarm()->codeRequiredDisarm());

        // Another client arms: the feed says so.
        QCOMPARE(server.act(u"arm_away"_s).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(connection.alarm()->state(), u"armed_away"_s, Deadline);
        QVERIFY(!connection.alert()->isRepeating());
        silenced.clear(); // the hello's "disarmed" silenced a chime that was not playing

        // A sensor acts: the entry delay, which rings again and again.
        QCOMPARE(server.motion(u"raspberry-1"_s).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(connection.alarm()->state(), u"pending"_s, Deadline);
        QCOMPARE(entry.size(), 1);
        QVERIFY(connection.alert()->isRepeating());
        QVERIFY(connection.alarm()->isAlarming());
        QCOMPARE(connection.alarm()->triggeredBy(), u"raspberry-1 · sensor-motion"_s);
        QVERIFY(connection.alarm()->secondsLeft() > 50);
        QTRY_VERIFY_WITH_TIMEOUT(rings.size() >= 4, Deadline);

        // Disarmed with the code: silence, and no more repeats.
        connection.alarm()->disarm(AliceCode);
        QTRY_COMPARE_WITH_TIMEOUT(connection.alarm()->state(), u"disarmed"_s, Deadline);
        QCOMPARE(silenced.size(), 1);
        QVERIFY(!connection.alert()->isRepeating());
        QCOMPARE(connection.alarm()->changedBy(), u"alice"_s);
    }
};

QTEST_GUILESS_MAIN(TestAlarmControl)
#include "tst_alarmcontrol.moc"

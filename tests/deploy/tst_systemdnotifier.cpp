// SystemdNotifier in the real programs, with this test as systemd: a Unix datagram socket given
// as NOTIFY_SOCKET and a watchdog asked for with WATCHDOG_USEC. Each service must say READY=1
// once it is up, then feed the watchdog from its event loop, and say STOPPING=1 on SIGTERM
// (Type=notify with WatchdogSec= in deploy/systemd/ depends on all three).

#include "freeport.h"
#include "mosquittobroker.h"
#include "notifysocket.h"
#include "programprocess.h"
#include "serverprocess.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// 200 ms: fed every 100 ms, several times within the test's deadlines.
constexpr auto WatchdogUsec = "200000";
constexpr int DeadlineMs = 15000;

} // namespace

class tst_SystemdNotifier : public QObject
{
    Q_OBJECT

private:
    // READY=1, then at least two WATCHDOG=1 after it; on SIGTERM STOPPING=1 and a clean exit.
    void checkLifecycle(ProgramProcess *program, NotifySocket *systemd);

private Q_SLOTS:
    void serverIsReadyFeedsTheWatchdogAndStops();
    void bridgeIsReadyFeedsTheWatchdogAndStops();
    void agentIsReadyFeedsTheWatchdogAndStops();
    void withoutSystemdNothingIsSent();
};

void tst_SystemdNotifier::checkLifecycle(ProgramProcess *program, NotifySocket *systemd)
{
    QTRY_VERIFY_WITH_TIMEOUT(systemd->indexOf("READY=1") >= 0 || !program->isRunning(), DeadlineMs);
    QVERIFY2(program->isRunning(), qPrintable(program->log()));
    const qsizetype ready = systemd->indexOf("READY=1");
    QCOMPARE(systemd->indexOf("STOPPING=1"), -1);
    QTRY_VERIFY_WITH_TIMEOUT(
        systemd->indexOf("WATCHDOG=1", systemd->indexOf("WATCHDOG=1", ready) + 1) > ready,
        DeadlineMs);
    QCOMPARE(systemd->indexOf("WATCHDOG=1"), ready + 1); // not fed before it is up
    QCOMPARE(program->stop(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(systemd->indexOf("STOPPING=1") > ready, DeadlineMs);
    QCOMPARE(systemd->states().count("READY=1"), 1);
}

void tst_SystemdNotifier::serverIsReadyFeedsTheWatchdogAndStops()
{
    NotifySocket systemd;
    QString error;
    QVERIFY2(systemd.listen(&error), qPrintable(error));
    QProcessEnvironment env;
    env.insert(u"NOTIFY_SOCKET"_s, systemd.path());
    env.insert(u"WATCHDOG_USEC"_s, QString::fromLatin1(WatchdogUsec));
    ServerProcess server({}, env);
    QVERIFY2(server.start(&error), qPrintable(error));
    // Ready means listening: systemd starts what needs the server only after READY=1.
    QTRY_VERIFY_WITH_TIMEOUT(systemd.indexOf("READY=1") >= 0, DeadlineMs);
    QTcpSocket probe;
    probe.connectToHost(u"127.0.0.1"_s, server.port());
    QTRY_COMPARE(probe.state(), QAbstractSocket::ConnectedState);
    probe.abort();
    checkLifecycle(&server, &systemd);
}

void tst_SystemdNotifier::bridgeIsReadyFeedsTheWatchdogAndStops()
{
    NotifySocket systemd;
    QString error;
    QVERIFY2(systemd.listen(&error), qPrintable(error));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // No broker and no backend: the bridge is up (its outbox open) and keeps trying them.
    ProgramProcess bridge(u"vigil-bridge"_s);
    bridge.setEnv(u"MQTT_BROKER"_s, u"127.0.0.1"_s);
    bridge.setEnv(u"MQTT_PORT"_s, QString::number(FreePort::find()));
    bridge.setEnv(u"BACKEND_URL"_s, u"http://127.0.0.1:%1"_s.arg(FreePort::find()));
    bridge.setEnv(u"OUTBOX"_s, dir.filePath(u"outbox.db"_s));
    bridge.setEnv(u"NOTIFY_SOCKET"_s, systemd.path());
    bridge.setEnv(u"WATCHDOG_USEC"_s, QString::fromLatin1(WatchdogUsec));
    QVERIFY2(bridge.start(&error), qPrintable(error));
    checkLifecycle(&bridge, &systemd);
}

void tst_SystemdNotifier::agentIsReadyFeedsTheWatchdogAndStops()
{
    NotifySocket systemd;
    QString error;
    QVERIFY2(systemd.listen(&error), qPrintable(error));
    // With a broker: the agent's SIGTERM drains to it.
    MosquittoBroker broker;
    QVERIFY2(broker.start(&error), qPrintable(error));
    ProgramProcess agent(u"vigil-agent"_s);
    agent.setEnv(u"MQTT_BROKER"_s, broker.host());
    agent.setEnv(u"MQTT_PORT"_s, QString::number(broker.port()));
    agent.setEnv(u"SIMULATE"_s, u"stdin"_s);
    agent.setEnv(u"DEVICE_ID"_s, u"test-pi"_s);
    agent.setEnv(u"NOTIFY_SOCKET"_s, systemd.path());
    agent.setEnv(u"WATCHDOG_USEC"_s, QString::fromLatin1(WatchdogUsec));
    QVERIFY2(agent.start(&error), qPrintable(error));
    checkLifecycle(&agent, &systemd);
}

// The programs run the same without systemd: no socket, no message, no complaint.
void tst_SystemdNotifier::withoutSystemdNothingIsSent()
{
    QProcessEnvironment env;
    env.insert(u"WATCHDOG_USEC"_s, QString::fromLatin1(WatchdogUsec));
    ServerProcess server({}, env);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.stop(), 0);
    QVERIFY2(!server.log().contains(u"vigil.systemd"_s), qPrintable(server.log()));
}

QTEST_GUILESS_MAIN(tst_SystemdNotifier)
#include "tst_systemdnotifier.moc"

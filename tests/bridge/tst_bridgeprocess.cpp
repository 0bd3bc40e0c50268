#include "bridge.h"
#include "bridgestarter.h"
#include "bridgetestbackend.h"
#include "guidepayloads.h"
#include "mosquittobroker.h"
#include "programprocess.h"
#include "testpublisher.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

struct RunResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

// The binary run to its end with nothing of the test's environment (ProgramProcess adds only a
// UTF-8 locale, without which Qt 6.8 writes a warning of its own before the program's one line).
RunResult runBridge(const QStringList &arguments, const QStringList &env = {})
{
    ProgramProcess bridge(u"vigil-bridge"_s, arguments);
    bridge.setEmptyEnvironment();
    for (const QString &pair : env)
        bridge.setEnv(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    RunResult result;
    if (!bridge.start())
        return result;
    result.exitCode = bridge.waitForExit();
    result.out = QString::fromUtf8(bridge.standardOutput());
    result.err = bridge.log();
    return result;
}

// The binary from `broker` to `backend` with settings added as NAME=value.
std::unique_ptr<ProgramProcess> bridgeProgram(const MosquittoBroker &broker, const QUrl &backend,
                                              const QString &outbox, const QStringList &env = {})
{
    auto bridge = BridgeStarter::program(broker, backend, u"vigil-bridge-process-test"_s, outbox);
    for (const QString &pair : env)
        bridge->setEnv(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    return bridge;
}

} // namespace

class tst_BridgeProcess : public QObject
{
    Q_OBJECT

private:
    // Publishes probe events until one arrives: proves the bridge is connected and subscribed
    // (a persistent session only queues what is published after its SUBACK).
    bool waitUntilDelivering(TestPublisher *publisher, BridgeTestBackend *backend)
    {
        QString error;
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (!publisher->publish(u"sensor/probe"_s,
                                    GuidePayloads::sensorEvent(u"probe-%1"_s.arg(attempt)), &error))
                return false;
            if (QTest::qWaitFor([backend] { return !backend->stored().isEmpty(); }, 200))
                return true;
        }
        return false;
    }

    static QStringList withoutProbes(const QStringList &ids)
    {
        QStringList kept;
        for (const QString &id : ids)
            if (!id.startsWith(u"probe-"_s))
                kept.append(id);
        return kept;
    }

private Q_SLOTS:
    void badSettingsExitWithStatus2AndOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("setting");
        QTest::addRow("port") << QStringList{u"--mqtt-port"_s, u"70000"_s} << u"MQTT_PORT"_s;
        QTest::addRow("url") << QStringList{u"--backend-url"_s, u"localhost:8000"_s}
                             << u"BACKEND_URL"_s;
        QTest::addRow("outbox dir")
            << QStringList{u"--outbox"_s, u"/nonexistent/dir/o.db"_s} << u"OUTBOX"_s;
        QTest::addRow("ca file") << QStringList{u"--backend-cafile"_s, u"/etc/hostname"_s}
                                 << u"BACKEND_CAFILE"_s;
    }
    void badSettingsExitWithStatus2AndOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, setting);
        const RunResult result = runBridge(arguments, {u"BACKEND_TOKEN=s3cret-token"_s});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.startsWith(u"error: "_s + setting + u'='), qPrintable(result.err));
        QCOMPARE(result.err.count(u'\n'), 1);
        QVERIFY(!result.err.contains(u"s3cret-token"_s));
    }

    void helpAndVersion()
    {
        const RunResult help = runBridge({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(u"--status"_s));
        QVERIFY(help.out.contains(u"OUTBOX_MAX_EVENTS"_s));
        const RunResult version = runBridge({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(u"vigil-bridge "_s));
    }

    // SIGTERM with a backend down: exit 0, and the events wait in the outbox, which --status
    // shows (also while the bridge runs).
    void sigtermKeepsTheOutboxAndStatusShowsIt()
    {
        MosquittoBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        backend.setRequiredToken("right-token");
        QTemporaryDir dir;
        const QString outbox = dir.filePath(u"outbox.db"_s);
        const auto bridge =
            bridgeProgram(broker, backend.url(), outbox, {u"BACKEND_TOKEN=wr0ng-token"_s});
        QVERIFY(bridge->start());

        TestPublisher publisher(broker.host(), broker.port());
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        // Until the bridge has subscribed, probes may be lost; afterwards nothing is.
        QTRY_VERIFY_WITH_TIMEOUT(
            (publisher.publish(u"sensor/probe"_s, GuidePayloads::sensorEvent(u"probe-0"_s), &error),
             backend.requests().size() > 0),
            10000);
        QVERIFY2(publisher.publish(u"sensor/motion"_s, GuidePayloads::sensorEvents(u"kept"_s, 100),
                                   &error),
                 qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(
            runBridge({u"--status"_s, u"--outbox"_s, outbox}).out.contains(u"HTTP 401"_s), 10000);
        RunResult status;
        QTRY_VERIFY_WITH_TIMEOUT(
            (status = runBridge({u"--status"_s, u"--outbox"_s, outbox}),
             status.out.section(u"queued: "_s, 1).section(u' ', 0, 0).toInt() >= 100),
            10000);
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.out.contains(u"last delivery: never"_s));

        QCOMPARE(bridge->stop(), 0);
        const QString log = bridge->log();
        QVERIFY2(log.contains(u"refused BACKEND_TOKEN"_s), qPrintable(log));
        QVERIFY(!log.contains(u"wr0ng-token"_s));
        QVERIFY(backend.stored().isEmpty());

        const RunResult after = runBridge({u"--status"_s, u"--outbox"_s, outbox});
        QVERIFY2(after.out.contains(u"dead letters: 0"_s), qPrintable(after.out));

        // With the right token, a new run delivers everything that waited, in order.
        const auto fixed =
            bridgeProgram(broker, backend.url(), outbox, {u"BACKEND_TOKEN=right-token"_s});
        QVERIFY(fixed->start());
        QTRY_COMPARE_WITH_TIMEOUT(withoutProbes(backend.storedEventIds()),
                                  GuidePayloads::eventIds(u"kept"_s, 100), 20000);
    }

    // kill -9 in the middle of a burst, then a restart: every event reaches the store.
    void killDuringABurstLosesNothing_data()
    {
        QTest::addColumn<int>("killAfterDelivered");
        QTest::addColumn<int>("killAfterMs");
        QTest::addRow("while delivering") << 2000 << -1;
        QTest::addRow("while receiving, backend idle") << -1 << 30;
    }
    void killDuringABurstLosesNothing()
    {
        MosquittoBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        QTemporaryDir dir;
        const QString outbox = dir.filePath(u"outbox.db"_s);
        QFETCH(int, killAfterDelivered);
        QFETCH(int, killAfterMs);
        auto bridge = bridgeProgram(broker, backend.url(), outbox);
        QVERIFY(bridge->start());
        TestPublisher publisher(broker.host(), broker.port());
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        QVERIFY(waitUntilDelivering(&publisher, &backend));

        const int total = 10000;
        QElapsedTimer clock;
        clock.start();
        // Kill as soon as part of the burst has been delivered.
        bool killed = false;
        connect(&backend, &BridgeTestBackend::requestHandled, this, [&] {
            if (!killed && killAfterDelivered >= 0 &&
                withoutProbes(backend.storedEventIds()).size() >= killAfterDelivered) {
                killed = true;
                bridge->signal(SIGKILL);
            }
        });
        if (killAfterMs >= 0) {
            QTimer::singleShot(killAfterMs, this, [&] {
                killed = true;
                bridge->signal(SIGKILL);
            });
        }
        QVERIFY2(publisher.publish(u"sensor/motion"_s,
                                   GuidePayloads::sensorEvents(u"burst"_s, total), &error, 120000),
                 qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(killed, 60000);
        QVERIFY(bridge->waitUntilEnded());
        QCOMPARE(bridge->exitStatus(), QProcess::CrashExit);
        const qsizetype beforeRestart = withoutProbes(backend.storedEventIds()).size();
        qInfo("killed with %lld of %d events delivered", qint64(beforeRestart), total);
        QVERIFY(beforeRestart < total);

        bridge = bridgeProgram(broker, backend.url(), outbox);
        QVERIFY(bridge->start());
        QTRY_COMPARE_WITH_TIMEOUT(withoutProbes(backend.storedEventIds()).size(), total, 60000);
        QStringList stored = withoutProbes(backend.storedEventIds());
        stored.sort();
        QStringList expected = GuidePayloads::eventIds(u"burst"_s, total);
        expected.sort();
        QCOMPARE(stored, expected);
        qInfo("all %d delivered %lld ms after the burst started, %d duplicates dropped by the "
              "backend",
              total, clock.elapsed(), backend.duplicates());
    }
};

QTEST_GUILESS_MAIN(tst_BridgeProcess)
#include "tst_bridgeprocess.moc"

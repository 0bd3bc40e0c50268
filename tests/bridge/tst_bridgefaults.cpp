// Fault injection with real parts: the built vigil-bridge between a real mosquitto and a test
// backend that answers as a faulty proxy or network would, and an outbox on a real full disk.
#include "bridgestarter.h"
#include "bridgetestbackend.h"
#include "guidepayloads.h"
#include "mosquittobroker.h"
#include "programprocess.h"
#include "smallfilesystem.h"
#include "testpublisher.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// What `vigil-bridge --status` says about `outbox`.
QString statusText(const QString &outbox)
{
    ProgramProcess status(u"vigil-bridge"_s, {u"--status"_s, u"--outbox"_s, outbox});
    status.setEmptyEnvironment();
    if (!status.start() || status.waitForExit() != 0)
        return {};
    return QString::fromUtf8(status.standardOutput());
}

int queued(const QString &outbox)
{
    return statusText(outbox).section(u"queued: "_s, 1).section(u' ', 0, 0).trimmed().toInt();
}

QStringList withoutProbes(const QStringList &ids)
{
    QStringList kept;
    for (const QString &id : ids)
        if (!id.startsWith(u"probe-"_s))
            kept.append(id);
    return kept;
}

} // namespace

class tst_BridgeFaults : public QObject
{
    Q_OBJECT

private:
    // Publishes probes until `reached` holds: the bridge is connected and subscribed (its
    // persistent session only keeps what is published after its SUBACK).
    template <typename Condition> bool probeUntil(TestPublisher *publisher, Condition reached)
    {
        QString error;
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (!publisher->publish(u"sensor/probe"_s,
                                    GuidePayloads::sensorEvent(u"probe-%1"_s.arg(attempt)), &error))
                return false;
            if (QTest::qWaitFor(reached, 200))
                return true;
        }
        return false;
    }

    // The full-disk cases: a broker, a backend and the real bridge whose outbox is on a 4 MiB
    // tmpfs (skipped unless the test runs as root).
    struct FullDisk
    {
        static constexpr int Total = 220;
        SmallFileSystem disk{4 * 1024 * 1024};
        MosquittoBroker broker;
        BridgeTestBackend backend;
        QString outbox = disk.filePath(u"outbox.db"_s);
        std::unique_ptr<ProgramProcess> bridge;
        std::unique_ptr<TestPublisher> publisher;
    };

    // Starts everything, checks an event gets through, then fills the disk and publishes
    // FullDisk::Total events, which the bridge cannot store: it says so and stops reading.
    void publishOnFullDisk(FullDisk &rig)
    {
        QString error;
        QVERIFY2(rig.broker.start(&error), qPrintable(error));
        QVERIFY(rig.backend.listen());
        rig.bridge = BridgeStarter::program(rig.broker, rig.backend.url(), u"vigil-bridge-full"_s,
                                            rig.outbox);
        QVERIFY(rig.bridge->start());
        rig.publisher = std::make_unique<TestPublisher>(rig.broker.host(), rig.broker.port());
        QVERIFY2(rig.publisher->connect(&error), qPrintable(error));
        QVERIFY(probeUntil(rig.publisher.get(), [&] { return !rig.backend.stored().isEmpty(); }));
        QTRY_COMPARE_WITH_TIMEOUT(queued(rig.outbox), 0, 10000);

        QVERIFY(rig.disk.fill());
        QVERIFY2(rig.publisher->publish(u"sensor/motion"_s,
                                        GuidePayloads::sensorEvents(u"full"_s, FullDisk::Total),
                                        &error),
                 qPrintable(error));
        QVERIFY2(rig.bridge->waitForLog(u"not acknowledged"_s), qPrintable(rig.bridge->log()));
    }

private Q_SLOTS:
    // A redirect (followed as a GET by Qt), a 200 that stores nothing, a proxy's 502 page, a
    // reset and a silent backend: none of them takes an event out of the outbox, and once the
    // backend answers properly every event arrives exactly once, in order.
    void answersThatProveNoStorageKeepEveryEvent_data()
    {
        using Fault = BridgeTestBackend::Fault;
        QTest::addColumn<Fault>("fault");
        QTest::addRow("301") << Fault::Redirect301;
        QTest::addRow("302") << Fault::Redirect302;
        QTest::addRow("307") << Fault::Redirect307;
        QTest::addRow("200 []") << Fault::EmptyArray200;
        QTest::addRow("502 html") << Fault::Html502;
        QTest::addRow("reset") << Fault::ConnectionReset;
        QTest::addRow("slow") << Fault::SlowAnswer;
    }
    void answersThatProveNoStorageKeepEveryEvent()
    {
        QFETCH(BridgeTestBackend::Fault, fault);
        MosquittoBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        backend.setFault(fault);
        QTemporaryDir dir;
        const QString outbox = dir.filePath(u"outbox.db"_s);
        const auto bridge =
            BridgeStarter::program(broker, backend.url(), u"vigil-bridge-faults"_s, outbox);
        QVERIFY(bridge->start());
        TestPublisher publisher(broker.host(), broker.port());
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        QVERIFY(probeUntil(&publisher, [&] { return backend.faultsServed() > 0; }));

        const int total = 20;
        QVERIFY2(publisher.publish(u"sensor/motion"_s,
                                   GuidePayloads::sensorEvents(u"kept"_s, total), &error),
                 qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(queued(outbox) >= total, 10000);
        // Another answer of the same kind, and still nothing has left.
        const int served = backend.faultsServed();
        QTRY_VERIFY_WITH_TIMEOUT(backend.faultsServed() > served, 30000);
        QVERIFY2(queued(outbox) >= total, qPrintable(statusText(outbox)));
        QVERIFY(withoutProbes(backend.storedEventIds()).isEmpty());

        backend.setFault(BridgeTestBackend::Fault::None);
        QTRY_COMPARE_WITH_TIMEOUT(withoutProbes(backend.storedEventIds()),
                                  GuidePayloads::eventIds(u"kept"_s, total), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(queued(outbox), 0, 10000);
        QCOMPARE(backend.duplicates(), 0);
    }

    // With the outbox's file system full the bridge kept the events in memory and still sent
    // the PUBACKs: a kill -9 then lost them. Now nothing is acknowledged before it is stored,
    // so the broker still has every one when the bridge comes back.
    void fullDiskThenKillLosesNothing()
    {
        FullDisk rig;
        if (!rig.disk.isMounted())
            QSKIP(qPrintable(rig.disk.skipReason()));
        publishOnFullDisk(rig);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(statusText(rig.outbox).contains(u"writable: no"_s), 10000);
        rig.bridge->kill();

        rig.disk.release();
        rig.bridge = BridgeStarter::program(rig.broker, rig.backend.url(), u"vigil-bridge-full"_s,
                                            rig.outbox);
        QVERIFY(rig.bridge->start());
        QTRY_COMPARE_WITH_TIMEOUT(withoutProbes(rig.backend.storedEventIds()).size(),
                                  FullDisk::Total, 30000);
        QCOMPARE(withoutProbes(rig.backend.storedEventIds()),
                 GuidePayloads::eventIds(u"full"_s, FullDisk::Total));
    }

    // The same without a kill: the bridge stops reading while the disk is full, says so, and
    // delivers everything once space returns, without a restart.
    void fullDiskRecoversWithoutARestart()
    {
        FullDisk rig;
        if (!rig.disk.isMounted())
            QSKIP(qPrintable(rig.disk.skipReason()));
        publishOnFullDisk(rig);
        if (QTest::currentTestFailed())
            return;
        rig.disk.release();
        QTRY_COMPARE_WITH_TIMEOUT(withoutProbes(rig.backend.storedEventIds()),
                                  GuidePayloads::eventIds(u"full"_s, FullDisk::Total), 30000);
        QVERIFY(rig.bridge->isRunning());
    }

    // SIGTERM during a burst: disconnectFromHost's drain read messages and acknowledged them
    // without committing them. Whatever moment the signal comes, a restart delivers everything.
    void sigtermDuringABurstLosesNothing_data()
    {
        QTest::addColumn<int>("afterMs");
        for (const int ms : {20, 60, 150})
            QTest::addRow("%d ms", ms) << ms;
    }
    void sigtermDuringABurstLosesNothing()
    {
        QFETCH(int, afterMs);
        MosquittoBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        QTemporaryDir dir;
        const QString outbox = dir.filePath(u"outbox.db"_s);
        auto bridge = BridgeStarter::program(broker, backend.url(), u"vigil-bridge-term"_s, outbox);
        QVERIFY(bridge->start());
        TestPublisher publisher(broker.host(), broker.port());
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        QVERIFY(probeUntil(&publisher, [&] { return !backend.stored().isEmpty(); }));

        const int total = 5000;
        QTimer::singleShot(afterMs, this, [&] { bridge->signal(SIGTERM); });
        QVERIFY2(publisher.publish(u"sensor/motion"_s,
                                   GuidePayloads::sensorEvents(u"term"_s, total), &error, 120000),
                 qPrintable(error));
        QCOMPARE(bridge->waitForExit(), 0);
        bridge = BridgeStarter::program(broker, backend.url(), u"vigil-bridge-term"_s, outbox);
        QVERIFY(bridge->start());
        QTRY_COMPARE_WITH_TIMEOUT(withoutProbes(backend.storedEventIds()).size(), total, 60000);
        QStringList stored = withoutProbes(backend.storedEventIds());
        stored.sort();
        QStringList expected = GuidePayloads::eventIds(u"term"_s, total);
        expected.sort();
        QCOMPARE(stored, expected);
    }
};

QTEST_GUILESS_MAIN(tst_BridgeFaults)
#include "tst_bridgefaults.moc"

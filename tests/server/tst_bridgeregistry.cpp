// BridgeRegistry and SensorSupervisor, supervision's two rules, with times passed in: a bridge
// silent for the timeout goes offline and comes back, the bound on bridges, the restore after a
// restart; a sensor offline while armed is reported after the grace, not within it.
#include "bridgeregistry.h"
#include "sensorsupervisor.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Heartbeat = BridgeRegistry::Heartbeat;
using Report = SensorSupervisor::Report;

namespace {

constexpr qint64 TimeoutMs = 120000;
constexpr qint64 GraceMs = 60000;
const SensorSupervisor::Sensor Door{u"pi-door"_s, u"sensor-door"_s};

} // namespace

class tst_BridgeRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void silentBridgeGoesOfflineAndComesBack();
    void heartbeatsPushTheDeadlineBack();
    void atMost64Bridges();
    void restoredBridgesGetOneTimeout();
    void sensorBeyondTheGraceIsReported();
    void sensorBackWithinTheGraceIsNotReported();
    void sensorOfflineWhileDisarmedIsNotWatched();
    void sensorsKeptAreBounded();
};

void tst_BridgeRegistry::silentBridgeGoesOfflineAndComesBack()
{
    BridgeRegistry registry(TimeoutMs);
    QCOMPARE(registry.heartbeat(u"house"_s, 3, 1, 1000), Heartbeat::New);
    QCOMPARE(registry.nextDeadlineMs(), 1000 + TimeoutMs);
    QVERIFY(registry.expire(1000 + TimeoutMs - 1).isEmpty());
    QCOMPARE(registry.expire(1000 + TimeoutMs), QStringList{u"house"_s});
    QVERIFY(registry.expire(1000 + TimeoutMs * 5).isEmpty()); // reported once
    QCOMPARE(registry.nextDeadlineMs(), std::nullopt);
    const BridgeRegistry::Bridge silent = registry.bridges().constFirst();
    QVERIFY(!silent.online);
    QCOMPARE(silent.lastSeenMs, 1000);
    QCOMPARE(silent.outboxDepth, 3);
    QCOMPARE(silent.deadLetters, 1);
    QCOMPARE(registry.heartbeat(u"house"_s, 0, 1, 999999), Heartbeat::BackOnline);
    QVERIFY(registry.bridges().constFirst().online);
}

void tst_BridgeRegistry::heartbeatsPushTheDeadlineBack()
{
    BridgeRegistry registry(TimeoutMs);
    QCOMPARE(registry.heartbeat(u"house"_s, 0, 0, 0), Heartbeat::New);
    for (qint64 at = 0; at < 10 * TimeoutMs; at += TimeoutMs / 2) {
        QCOMPARE(registry.heartbeat(u"house"_s, 0, 0, at), Heartbeat::Known);
        QVERIFY(registry.expire(at + TimeoutMs / 2).isEmpty());
    }
}

void tst_BridgeRegistry::atMost64Bridges()
{
    BridgeRegistry registry(TimeoutMs);
    for (int i = 0; i < BridgeRegistry::MaxBridges; ++i)
        QCOMPARE(registry.heartbeat(u"b%1"_s.arg(i, 2, 10, QChar(u'0')), 0, 0, 0), Heartbeat::New);
    QCOMPARE(registry.heartbeat(u"one-too-many"_s, 0, 0, 0), Heartbeat::TooMany);
    QCOMPARE(registry.bridges().size(), BridgeRegistry::MaxBridges);
    QCOMPARE(registry.heartbeat(u"b07"_s, 0, 0, 5), Heartbeat::Known); // a known one still is
    QCOMPARE(registry.ids().constFirst(), u"b00"_s);                   // sorted
}

void tst_BridgeRegistry::restoredBridgesGetOneTimeout()
{
    BridgeRegistry registry(TimeoutMs);
    registry.restore({u"shed"_s, u"house"_s, u"house"_s}, 50000);
    QCOMPARE(registry.ids(), (QStringList{u"house"_s, u"shed"_s}));
    QCOMPARE(registry.bridges().constFirst().lastSeenMs, 0); // not heard since the start
    registry.heartbeat(u"shed"_s, 0, 0, 60000);
    QCOMPARE(registry.expire(50000 + TimeoutMs), QStringList{u"house"_s});
}

void tst_BridgeRegistry::sensorBeyondTheGraceIsReported()
{
    SensorSupervisor sensors(GraceMs);
    QCOMPARE(sensors.status(Door, false, true, 1000), std::nullopt);
    QCOMPARE(sensors.nextDeadlineMs(), 1000 + GraceMs);
    // A repeated offline neither restarts the grace nor reports twice.
    QCOMPARE(sensors.status(Door, false, true, 30000), std::nullopt);
    QVERIFY(sensors.expire(1000 + GraceMs - 1).isEmpty());
    QCOMPARE(sensors.expire(1000 + GraceMs), (QList<Report>{{Door, false}}));
    QVERIFY(sensors.expire(1000 + GraceMs * 9).isEmpty());
    QCOMPARE(sensors.status(Door, true, true, 200000), (Report{Door, true}));
    QCOMPARE(sensors.status(Door, true, true, 200001), std::nullopt);
}

void tst_BridgeRegistry::sensorBackWithinTheGraceIsNotReported()
{
    SensorSupervisor sensors(GraceMs);
    sensors.status(Door, false, true, 1000);
    QCOMPARE(sensors.status(Door, true, true, 1000 + GraceMs - 1), std::nullopt);
    QVERIFY(sensors.expire(1000 + GraceMs * 2).isEmpty());
    QCOMPARE(sensors.nextDeadlineMs(), std::nullopt);
}

void tst_BridgeRegistry::sensorOfflineWhileDisarmedIsNotWatched()
{
    SensorSupervisor sensors(GraceMs);
    QCOMPARE(sensors.status(Door, false, false, 1000), std::nullopt);
    QVERIFY(sensors.expire(1000 + GraceMs * 2).isEmpty());
}

void tst_BridgeRegistry::sensorsKeptAreBounded()
{
    SensorSupervisor sensors(GraceMs);
    const auto sensor = [](int i) { return SensorSupervisor::Sensor{u"pi-%1"_s.arg(i), u"pir"_s}; };
    for (int i = 0; i < 1024; ++i)
        QCOMPARE(sensors.status(sensor(i), false, true, 0), std::nullopt);
    // One more while 1024 wait is reported at once rather than kept waiting.
    QCOMPARE(sensors.status(sensor(1024), false, true, 0), (Report{sensor(1024), false}));
    QCOMPARE(sensors.expire(GraceMs).size(), 1024);
    QCOMPARE(sensors.nextDeadlineMs(), std::nullopt);
}

QTEST_GUILESS_MAIN(tst_BridgeRegistry)
#include "tst_bridgeregistry.moc"

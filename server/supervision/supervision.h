#pragma once

#include "bridgeregistry.h"
#include "sensorsupervisor.h"
#include "storedevent.h"

#include <QObject>
#include <QTimer>

#include <functional>

class AlarmStore;

// What no event stream shows by itself: a house whose bridge stopped its heartbeats (power or
// uplink cut), and a sensor that went offline while armed and stayed away. Ties BridgeRegistry
// and SensorSupervisor (the rules) to one timer, the store (the bridges seen, the audit log)
// and raised(), which the notifications will send. Main thread; VigilServer owns it.
class Supervision : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // ms since epoch
    using Armed = std::function<bool()>;   // the alarm is in any state but disarmed
    struct Options
    {
        qint64 heartbeatTimeoutMs = 120LL * 1000;
        qint64 offlineGraceMs = 60LL * 1000;
    };

    Supervision(AlarmStore *store, Options options, Armed armed, Clock clock,
                QObject *parent = nullptr);

    // Restores the bridges seen before a restart: each has one timeout from now to be heard.
    bool start(QString *error);

    // POST /api/heartbeat; TooMany is refused (the caller answers 429).
    BridgeRegistry::Heartbeat heartbeat(const QString &bridgeId, qint64 outboxDepth,
                                        qint64 deadLetters);
    QList<BridgeRegistry::Bridge> bridges() const { return m_bridges.bridges(); }
    // Every stored event; only the status events (sensor_offline/sensor_online) matter.
    void observe(const QList<StoredEvent> &stored);

Q_SIGNALS:
    // kind: site_offline, site_online, sensor_offline, sensor_online; subject: the bridge id or
    // "device_id/source". Also written to the audit log.
    void raised(const QString &kind, const QString &subject);

private:
    void check();
    void armTimer();
    void raise(const QString &kind, const QString &subject, const QString &detail);

    AlarmStore *m_store;
    Options m_options;
    Armed m_armed;
    Clock m_clock;
    BridgeRegistry m_bridges;
    SensorSupervisor m_sensors;
    QStringList m_reportedSites; // offline bridges reported while armed: their return is too
    QTimer m_timer;
};

#pragma once

#include "bridgesettings.h"
#include "eventconverter.h"
#include "forwarder.h"
#include "heartbeatsender.h"
#include "outbox.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <memory>

class MqttClient;
class QTimer;

// vigil-bridge's wiring: MQTT messages -> EventConverter -> Outbox -> Forwarder.
//
// Every message received during one event-loop turn is converted at once and the accepted
// events are committed to the outbox together by a zero-timer, so the bridge takes messages off
// the broker as fast as the broker sends them (one commit per turn, not one per message, and
// never an HTTP round trip in between). Messages that cannot become a valid backend event are
// logged, counted and dropped; they would be refused by the server anyway.
//
// A message is acknowledged to the broker only after it is committed. When a commit fails
// (disk full, read-only), the bridge aborts the connection before the acknowledgements go out,
// forgets the uncommitted messages (the broker keeps them: persistent session, QoS 1), probes
// the outbox every second and reconnects once it takes a write. A message committed just before
// may then come again; the server drops it by its details.event_id.
//
// Owns the MqttClient (configured from BridgeConfig::mqtt), the Outbox and the Forwarder; lives on
// the main thread.
class Bridge : public QObject
{
    Q_OBJECT
public:
    explicit Bridge(const BridgeConfig &config, QObject *parent = nullptr);
    ~Bridge() override;

    // The client, configured from the config's MQTT settings; still open to changes before
    // start().
    MqttClient *mqttClient() const { return m_mqtt; }
    Outbox *outbox() const { return m_outbox.get(); }
    Forwarder *forwarder() const { return m_forwarder.get(); }
    HeartbeatSender *heartbeat() const { return m_heartbeat.get(); }

    // Opens the outbox (delivery of what it already holds starts at once), then subscribes
    // and connects. False with *error when the outbox cannot be opened.
    bool start(QString *error);
    // Commits what was received, stops delivery and disconnects; nothing accepted is lost.
    void shutdown();

    qint64 droppedTotal() const { return m_droppedTotal; }
    // True while the outbox refuses writes: the bridge is disconnected from the broker and
    // probes the outbox every second.
    bool isOutboxBlocked() const { return m_outboxBlocked; }

Q_SIGNALS:
    void messageDropped(const QString &topic, const QString &reason);
    void outboxBlockedChanged(bool blocked);

private:
    void onMessage(const QByteArray &payload, const QString &topic);
    void commitPending();
    void probeOutbox();

    BridgeConfig m_config;
    EventConverter m_converter;
    MqttClient *m_mqtt;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<Forwarder> m_forwarder;
    std::unique_ptr<HeartbeatSender> m_heartbeat;
    QTimer *m_commitTimer;
    QTimer *m_probeTimer;
    QList<OutboxEvent> m_pending; // of the current read only, never more
    bool m_outboxBlocked = false;
    QString m_blockedError;
    qint64 m_receivedTotal = 0;
    qint64 m_droppedTotal = 0;
};

#pragma once

#include "sensorlogic.h"

#include <QObject>
#include <QString>

class MqttClient;
class QTimer;

// Publishes one sensor's detections and its availability through an MqttClient it does not
// own (same thread). Detections go to `topic`, QoS 1, not retained; SENSOR_ONLINE is published
// retained on `<topic>/status` on every connect, SENSOR_OFFLINE is the retained last will there,
// and shutdown() publishes it itself. While the broker is unreachable, detections wait in the
// client's bounded offline queue and go out in order, with their original timestamps.
class SensorPublisher : public QObject
{
    Q_OBJECT
public:
    struct Identity
    {
        QString topic;
        QString deviceId;
        SensorLogic::Kind kind = SensorLogic::Kind::Motion;
        int gpioPin = 0;
    };

    SensorPublisher(const Identity &identity, MqttClient *client, QObject *parent = nullptr);

    // Registers the last will and bounds the offline queue; call before the client connects.
    void prepare(int queueLimit);

    void publishDetection(const SensorLogic::Detection &detection, qint64 wallMsecs);

    // Publishes SENSOR_OFFLINE, waits (up to `timeoutMs`) until every QoS 1 publish so far is
    // acknowledged, disconnects, then emits finished(). Never blocks the event loop.
    void shutdown(int timeoutMs);

    QString statusTopic() const { return m_identity.topic + u"/status"; }

Q_SIGNALS:
    void finished();

private:
    QByteArray statusPayload(const QString &type) const;
    void publishTracked(const QString &topic, const QByteArray &payload, bool retain);
    void onConnected();
    void onMessageSent();
    void onPublishDropped(qint64 totalDropped);
    void maybeDisconnect();
    void disconnectSoon();
    void finish();

    Identity m_identity;
    MqttClient *m_client;
    QTimer *m_shutdownTimer = nullptr;
    qint64 m_unacknowledged = 0; // QoS 1 publishes accepted and not yet acknowledged or dropped
    qint64 m_droppedSeen = 0;
    int m_queueLimit = 0;
    bool m_shuttingDown = false;
    bool m_disconnecting = false;
    bool m_finished = false;
};

#include "sensorpublisher.h"

#include "mqttclient.h"
#include "sensorevent.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcPublisher, "vigil.agent.publisher")

using namespace Qt::StringLiterals;

SensorPublisher::SensorPublisher(const Identity &identity, MqttClient *client, QObject *parent)
    : QObject(parent)
    , m_identity(identity)
    , m_client(client)
{
    connect(m_client, &MqttClient::connected, this, &SensorPublisher::onConnected);
    connect(m_client, &MqttClient::messageSent, this, &SensorPublisher::onMessageSent);
    connect(m_client, &MqttClient::publishDropped, this, &SensorPublisher::onPublishDropped);
    connect(m_client, &MqttClient::disconnected, this, [this] {
        if (m_disconnecting) {
            finish();
            return;
        }
        qCWarning(lcPublisher, "broker unreachable (%s); keeping up to %d events until it is back",
                  qUtf8Printable(m_client->errorString()), m_queueLimit);
    });
}

void SensorPublisher::prepare(int queueLimit)
{
    m_queueLimit = queueLimit;
    m_client->setOfflineQueueLimit(queueLimit);
    // The will is fixed when connecting, so its timestamp is the connect time: the moment from
    // which the broker vouches for us. Retained, so the status topic always tells the last state.
    m_client->setWill(statusTopic(), statusPayload(u"SENSOR_OFFLINE"_s), 1, true);
}

void SensorPublisher::publishDetection(const SensorLogic::Detection &detection, qint64 wallMsecs)
{
    SensorEvent event;
    event.eventId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    event.deviceId = m_identity.deviceId;
    event.source = SensorLogic::sourceName(m_identity.kind);
    event.type = detection.type;
    event.data = detection.data;
    event.timestamp = SensorEvent::timestampFromMsecs(wallMsecs);
    qCInfo(lcPublisher, "%s on %s (event %s)", qUtf8Printable(event.type),
           qUtf8Printable(m_identity.topic), qUtf8Printable(event.eventId));
    publishTracked(m_identity.topic, event.toBytes(), false);
}

QByteArray SensorPublisher::statusPayload(const QString &type) const
{
    SensorEvent event;
    event.eventId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    event.deviceId = m_identity.deviceId;
    event.source = SensorLogic::sourceName(m_identity.kind);
    event.type = type;
    event.data = QJsonObject{{"gpio_pin"_L1, m_identity.gpioPin}};
    event.timestamp = SensorEvent::timestampFromMsecs(QDateTime::currentMSecsSinceEpoch());
    return event.toBytes();
}

void SensorPublisher::publishTracked(const QString &topic, const QByteArray &payload, bool retain)
{
    const int result = m_client->publish(topic, payload, 1, retain);
    if (result < 0) {
        qCWarning(lcPublisher, "publish to %s refused: %s", qUtf8Printable(topic),
                  qUtf8Printable(m_client->errorString()));
        return;
    }
    if (result == 0)
        qCDebug(lcPublisher, "broker unreachable: queued (%d waiting)",
                m_client->offlineQueueSize());
    ++m_unacknowledged;
}

void SensorPublisher::onConnected()
{
    if (m_shuttingDown)
        return; // the OFFLINE published by shutdown() is the state to keep
    qCInfo(lcPublisher, "connected; announcing SENSOR_ONLINE on %s", qUtf8Printable(statusTopic()));
    publishTracked(statusTopic(), statusPayload(u"SENSOR_ONLINE"_s), true);
    // A fresh will (new event_id, this connect's time) for the next connection.
    m_client->setWill(statusTopic(), statusPayload(u"SENSOR_OFFLINE"_s), 1, true);
}

void SensorPublisher::onMessageSent()
{
    if (m_unacknowledged > 0)
        --m_unacknowledged;
    maybeDisconnect();
}

void SensorPublisher::onPublishDropped(qint64 totalDropped)
{
    const qint64 newlyDropped = totalDropped - m_droppedSeen;
    m_droppedSeen = totalDropped;
    m_unacknowledged = std::max<qint64>(0, m_unacknowledged - newlyDropped);
    qCWarning(lcPublisher,
              "broker unreachable and queue full: oldest event dropped (%lld dropped "
              "so far; raise QUEUE_MAX to keep more)",
              totalDropped);
    maybeDisconnect();
}

void SensorPublisher::shutdown(int timeoutMs)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    publishTracked(statusTopic(), statusPayload(u"SENSOR_OFFLINE"_s), true);
    m_shutdownTimer = new QTimer(this);
    m_shutdownTimer->setSingleShot(true);
    connect(m_shutdownTimer, &QTimer::timeout, this, [this] {
        if (m_disconnecting) {
            finish(); // the DISCONNECT itself did not complete in time
            return;
        }
        qCWarning(lcPublisher,
                  "shutting down with %lld event(s) not acknowledged by the broker "
                  "(waited %d s)",
                  m_unacknowledged, int(m_shutdownTimer->interval() / 1000));
        disconnectSoon();
    });
    m_shutdownTimer->start(timeoutMs);
    maybeDisconnect();
}

void SensorPublisher::maybeDisconnect()
{
    if (!m_shuttingDown || m_disconnecting || m_unacknowledged > 0)
        return;
    disconnectSoon();
}

void SensorPublisher::disconnectSoon()
{
    m_disconnecting = true;
    m_shutdownTimer->start(1000); // bound the wait for the DISCONNECT to go out
    // Not from here: the last PUBACK arrives inside libmosquitto's callback, and disconnecting
    // from within it deadlocks on the library's own lock. Once the callback has returned.
    QTimer::singleShot(0, this, [this] {
        m_client->disconnectFromHost();
        if (m_client->state() == MqttClient::ClientState::Disconnected)
            finish();
    });
}

void SensorPublisher::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_shutdownTimer->stop();
    Q_EMIT finished();
}

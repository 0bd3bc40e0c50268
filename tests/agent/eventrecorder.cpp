#include "eventrecorder.h"

#include "mosquittobroker.h"

#include <QJsonDocument>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

EventRecorder::EventRecorder(const MosquittoBroker &broker, const QString &filter,
                             const QString &persistentClientId)
    : m_filter(filter)
{
    m_client.setHostname(broker.host());
    m_client.setPort(broker.port());
    m_client.setReconnectDelays(50, 200); // back quickly after a broker restart
    if (!persistentClientId.isEmpty()) {
        m_client.setClientId(persistentClientId);
        m_client.setCleanSession(false);
    }
    connect(&m_client, &MqttClient::messageReceived, this,
            [this](const QByteArray &payload, const QString &topic) {
                m_messages.append({topic, QJsonDocument::fromJson(payload).object(), payload});
            });
}

bool EventRecorder::start()
{
    QSignalSpy subscribed(&m_client, &MqttClient::subscribed);
    m_client.subscribe(m_filter, 1);
    m_client.connectToHost();
    return subscribed.wait(10000);
}

QList<EventRecorder::Message> EventRecorder::on(const QString &topic) const
{
    QList<Message> result;
    for (const Message &message : m_messages)
        if (message.topic == topic)
            result.append(message);
    return result;
}

QStringList EventRecorder::types(const QString &topic) const
{
    QStringList result;
    for (const Message &message : on(topic))
        result.append(message.json.value("type"_L1).toString());
    return result;
}

#pragma once

#include "mqttclient.h"

#include <QJsonObject>
#include <QList>
#include <QString>

class MosquittoBroker;

// A real MQTT subscriber (the shared MqttClient) that records every message on a filter, parsed
// as a JSON object. Optionally a persistent session, so that it misses nothing across a broker
// restart. Test thread only.
class EventRecorder : public QObject
{
    Q_OBJECT
public:
    struct Message
    {
        QString topic;
        QJsonObject json;
        QByteArray payload;
    };

    EventRecorder(const MosquittoBroker &broker, const QString &filter,
                  const QString &persistentClientId = {});

    // Connects, subscribes and returns once the broker acknowledged the subscription.
    bool start();

    QList<Message> messages() const { return m_messages; }
    QList<Message> on(const QString &topic) const;
    qsizetype count(const QString &topic) const { return on(topic).size(); }
    QStringList types(const QString &topic) const;

private:
    MqttClient m_client;
    QString m_filter;
    QList<Message> m_messages;
};

#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

class MqttClient;

// A sensor stand-in for the bridge tests: publishes QoS 1 messages through the shared
// MqttClient and waits (running the event loop, with a deadline) until the broker has
// acknowledged them. The payloads come from GuidePayloads. Test thread only.
class TestPublisher
{
public:
    TestPublisher(const QString &host, quint16 port);
    ~TestPublisher();

    bool connect(QString *error);
    // Returns once every message got its PUBACK, or false at the deadline.
    bool publish(const QString &topic, const QList<QByteArray> &payloads, QString *error,
                 int timeoutMs = 60000);
    bool publish(const QString &topic, const QByteArray &payload, QString *error)
    {
        return publish(topic, QList<QByteArray>{payload}, error);
    }

private:
    std::unique_ptr<MqttClient> m_client;
    qint64 m_acknowledged = 0;
};

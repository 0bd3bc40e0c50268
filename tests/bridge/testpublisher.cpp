#include "testpublisher.h"

#include "mqttclient.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

TestPublisher::TestPublisher(const QString &host, quint16 port)
    : m_client(std::make_unique<MqttClient>())
{
    m_client->setHostname(host);
    m_client->setPort(port);
    m_client->setClientId(u"tst-publisher-"_s + QUuid::createUuid().toString(QUuid::Id128));
    m_client->setOfflineQueueLimit(1000000);
    QObject::connect(m_client.get(), &MqttClient::messageSent, m_client.get(),
                     [this](int) { ++m_acknowledged; });
}

TestPublisher::~TestPublisher()
{
    if (m_client->state() == MqttClient::ClientState::Connected)
        m_client->disconnectFromHost();
}

bool TestPublisher::connect(QString *error)
{
    QSignalSpy connected(m_client.get(), &MqttClient::connected);
    m_client->connectToHost();
    if (!connected.wait(10000)) {
        *error = u"publisher could not connect: "_s + m_client->errorString();
        return false;
    }
    return true;
}

bool TestPublisher::publish(const QString &topic, const QList<QByteArray> &payloads, QString *error,
                            int timeoutMs)
{
    const qint64 target = m_acknowledged + payloads.size();
    for (const QByteArray &payload : payloads) {
        if (m_client->publish(topic, payload, 1, false) < 0) {
            *error = u"publish refused: "_s + m_client->errorString();
            return false;
        }
    }
    if (!QTest::qWaitFor([&] { return m_acknowledged >= target; }, timeoutMs)) {
        *error = u"only %1 of %2 publishes acknowledged"_s
                     .arg(m_acknowledged - (target - payloads.size()))
                     .arg(payloads.size());
        return false;
    }
    return true;
}

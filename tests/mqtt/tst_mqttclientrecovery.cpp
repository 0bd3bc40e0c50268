// MqttClient against a real mosquitto. Recovery: broker restarts, crashes, hangs and outages, and
// the sessions and last wills that outlive a connection.
#include "mosquittobroker.h"
#include "mqtttestsupport.h"
#include "programprocess.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace MqttTestSupport;

class tst_MqttClientRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void resubscribesAfterBrokerRestart();
    void offlinePublishesDeliveredInOrderAfterRestart();
    void unacknowledgedPublishesResentAfterBrokerCrash();
    void keepaliveDetectsHungBroker();
    void retriesUntilBrokerComesUp();
    void persistentSessionKeepsMissedMessages();
    void backlogBeyondStockQueueLimitSurvivesBrokerRestart();
    void lastWillOnKill();

private:
    // Every test starts with a broker of its own.
    std::unique_ptr<MosquittoBroker> m_broker;
};

void tst_MqttClientRecovery::init()
{
    m_broker = std::make_unique<MosquittoBroker>();
    QString error;
    QVERIFY2(m_broker->start(&error), qPrintable(error));
}

void tst_MqttClientRecovery::cleanup()
{
    m_broker.reset();
}

void tst_MqttClientRecovery::resubscribesAfterBrokerRestart()
{
    MosquittoBroker &broker = *m_broker;
    QString error;

    auto subscriber = makeClient(broker);
    QSignalSpy received(subscriber.get(), &MqttClient::messageReceived);
    QSignalSpy disconnected(subscriber.get(), &MqttClient::disconnected);
    QSignalSpy connected(subscriber.get(), &MqttClient::connected);
    QVERIFY(connectAndSubscribe(subscriber.get(), u"sensor/#"_s));

    broker.kill();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, ConnectTimeoutMs);
    QCOMPARE(subscriber->error(), Error::TransportInvalid);
    QVERIFY(!subscriber->errorString().contains(QLatin1Char('\n')));

    QSignalSpy subscribed(subscriber.get(), &MqttClient::subscribed);
    QVERIFY2(broker.restart(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(subscriber->state(), State::Connected, ConnectTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(subscribed.size(), 1, ConnectTimeoutMs);
    QCOMPARE(connected.size(), 2);
    QCOMPARE(subscriber->error(), Error::NoError);

    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(broker, u"sensor/motion"_s, "after restart",
                                                      1, false, &error),
             qPrintable(error));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("after restart"));
}

void tst_MqttClientRecovery::offlinePublishesDeliveredInOrderAfterRestart()
{
    MosquittoBroker &broker = *m_broker;
    QString error;

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"queued/#"_s));

    // The publisher retries only when told to, so the subscriber is back first.
    auto publisher = makeClient(broker);
    publisher->setReconnectDelays(600000, 600000);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);

    broker.stop();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Disconnected, ConnectTimeoutMs);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(publisher->publish(u"queued/seq"_s, QByteArray::number(i), 1), 0);
    QCOMPARE(publisher->offlineQueueSize(), 50);

    QSignalSpy subscribed(subscriber.get(), &MqttClient::subscribed);
    QVERIFY2(broker.restart(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(subscribed.size(), 1, ConnectTimeoutMs);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(payloads.size(), 50, ConnectTimeoutMs);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(payloads.at(i), QByteArray::number(i));
    QCOMPARE(publisher->offlineQueueSize(), 0);
    QCOMPARE(publisher->droppedPublishes(), 0);
}

// At least once: what libmosquitto wrote but the broker never acknowledged goes out again.
void tst_MqttClientRecovery::unacknowledgedPublishesResentAfterBrokerCrash()
{
    MosquittoBroker &broker = *m_broker;
    QString error;

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"unacked/#"_s));

    auto publisher = makeClient(broker);
    publisher->setReconnectDelays(600000, 600000); // reconnects when told, after the subscriber
    QSignalSpy sent(publisher.get(), &MqttClient::messageSent);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);

    broker.pause(); // the publishes reach its socket, but it never reads them
    QList<int> mids;
    for (int i = 0; i < 10; ++i)
        mids.append(publisher->publish(u"unacked/seq"_s, QByteArray::number(i), 1));
    QVERIFY(!mids.contains(0) && !mids.contains(-1));
    broker.kill();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Disconnected, ConnectTimeoutMs);
    QCOMPARE(sent.size(), 0);
    QCOMPARE(payloads.size(), 0);

    QSignalSpy subscribed(subscriber.get(), &MqttClient::subscribed);
    QVERIFY2(broker.restart(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(subscribed.size(), 1, ConnectTimeoutMs);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(payloads.size(), 10, ConnectTimeoutMs);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(payloads.at(i), QByteArray::number(i));
    QTRY_COMPARE(sent.size(), 10);
    QList<int> acknowledged;
    for (const QList<QVariant> &arguments : std::as_const(sent))
        acknowledged.append(arguments.at(0).toInt());
    QCOMPARE(acknowledged, mids);
}

// A broker that hangs keeps the TCP connection open; only the keepalive ping notices.
void tst_MqttClientRecovery::keepaliveDetectsHungBroker()
{
    MosquittoBroker &broker = *m_broker;
    QString error;

    auto client = makeClient(broker);
    client->setKeepAlive(5);
    QSignalSpy disconnected(client.get(), &MqttClient::disconnected);
    client->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Connected, ConnectTimeoutMs);

    broker.pause();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 20000); // ping after 5 s, give up at 10 s
    QCOMPARE(client->error(), Error::TransportInvalid);
    QVERIFY2(client->errorString().contains(u"keepalive"_s), qPrintable(client->errorString()));
    broker.resume();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Connected, ConnectTimeoutMs);
}

void tst_MqttClientRecovery::retriesUntilBrokerComesUp()
{
    MosquittoBroker &broker = *m_broker;
    QString error;
    broker.stop(); // now nothing listens on broker.port()

    auto client = makeClient(broker);
    QSignalSpy stateChanged(client.get(), &MqttClient::stateChanged);
    client->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(client->error(), Error::TransportInvalid, ConnectTimeoutMs);
    QVERIFY2(client->errorString().startsWith(u"cannot connect to 127.0.0.1:"_s),
             qPrintable(client->errorString()));
    QVERIFY(!client->errorString().contains(QLatin1Char('\n')));
    // A second attempt proves the retry (Connecting -> Disconnected, twice).
    QTRY_VERIFY_WITH_TIMEOUT(stateChanged.size() >= 4, ConnectTimeoutMs);

    QVERIFY2(broker.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Connected, ConnectTimeoutMs);
    QCOMPARE(client->error(), Error::NoError);
    QVERIFY(client->errorString().isEmpty());
}

void tst_MqttClientRecovery::persistentSessionKeepsMissedMessages()
{
    MosquittoBroker &broker = *m_broker;
    QString error;
    const QString clientId = u"vigil-bridge-test"_s;

    {
        auto first = makeClient(broker);
        first->setClientId(clientId);
        first->setCleanSession(false);
        QVERIFY(connectAndSubscribe(first.get(), u"sensor/#"_s));
        first->disconnectFromHost();
        QCOMPARE(first->state(), State::Disconnected);
    }

    for (int i = 0; i < 3; ++i)
        QVERIFY2(MosquittoBroker::publishWithMosquittoPub(broker, u"sensor/motion"_s,
                                                          QByteArray::number(i), 1, false, &error),
                 qPrintable(error));

    // A new client with the same id, which does not even subscribe: the session has it all.
    auto second = makeClient(broker);
    second->setClientId(clientId);
    second->setCleanSession(false);
    QList<QByteArray> payloads;
    connect(second.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    second->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(payloads.size(), 3, ConnectTimeoutMs);
    QCOMPARE(payloads, (QList<QByteArray>{"0", "1", "2"}));
}

// The bridge's case: it is away while sensors publish more than mosquitto's stock
// max_queued_messages (1000), and the broker restarts meanwhile. Nothing may be lost.
void tst_MqttClientRecovery::backlogBeyondStockQueueLimitSurvivesBrokerRestart()
{
    constexpr int Count = 5000;
    MosquittoBroker &broker = *m_broker;
    QString error;
    const QString clientId = u"vigil-bridge-backlog"_s;
    {
        auto away = makeClient(broker);
        away->setClientId(clientId);
        away->setCleanSession(false);
        QVERIFY(connectAndSubscribe(away.get(), u"sensor/#"_s));
        away->disconnectFromHost();
    }

    auto publisher = makeClient(broker);
    QSignalSpy sent(publisher.get(), &MqttClient::messageSent);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);
    for (int i = 0; i < Count; ++i)
        QVERIFY(publisher->publish(u"sensor/motion"_s, QByteArray::number(i), 1) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), Count, 30000); // all acknowledged, so all stored
    publisher->disconnectFromHost();

    QVERIFY2(broker.restart(&error), qPrintable(error)); // SIGTERM saves the persistence file

    auto back = makeClient(broker);
    back->setClientId(clientId);
    back->setCleanSession(false);
    QList<QByteArray> payloads;
    connect(back.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    back->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(payloads.size(), Count, 30000);
    for (int i = 0; i < Count; ++i)
        QCOMPARE(payloads.at(i), QByteArray::number(i));
}

void tst_MqttClientRecovery::lastWillOnKill()
{
    MosquittoBroker &broker = *m_broker;
    QString error;

    auto subscriber = makeClient(broker);
    QSignalSpy received(subscriber.get(), &MqttClient::messageReceived);
    QVERIFY(connectAndSubscribe(subscriber.get(), u"vigil/status/#"_s));

    ProgramProcess willClient(u"mqtt_will_client"_s, {broker.host(), QString::number(broker.port()),
                                                      u"vigil/status/agent-1"_s, u"offline"_s});
    QVERIFY2(willClient.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(willClient.standardOutput().contains("connected"), ConnectTimeoutMs);
    QCOMPARE(received.size(), 0);

    willClient.kill(); // SIGKILL: no DISCONNECT, so the broker publishes the will
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, ConnectTimeoutMs);
    QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("offline"));
    QCOMPARE(received.at(0).at(1).toString(), u"vigil/status/agent-1"_s);
}

QTEST_GUILESS_MAIN(tst_MqttClientRecovery)
#include "tst_mqttclientrecovery.moc"

// MqttClient against a real mosquitto. Delivery: what is published arrives, exactly and in order;
// what cannot be sent waits in the offline queue or is refused with a clear error.
#include "mosquittobroker.h"
#include "mqtttestsupport.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace MqttTestSupport;

class tst_MqttClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void roundTrip_data();
    void roundTrip();
    void mosquittoPubDeliversExactBytes();
    void burstArrivesCompleteAndInOrder();
    void offlineQueueDropsOldest();
    void disconnectWritesWhatWasHandedOver();
    void invalidTopicIsRefused();

private:
    // Every test starts with a broker of its own.
    std::unique_ptr<MosquittoBroker> m_broker;
};

void tst_MqttClient::init()
{
    m_broker = std::make_unique<MosquittoBroker>();
    QString error;
    QVERIFY2(m_broker->start(&error), qPrintable(error));
}

void tst_MqttClient::cleanup()
{
    m_broker.reset();
}

void tst_MqttClient::roundTrip_data()
{
    QTest::addColumn<int>("qos");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");

    QTest::addRow("qos1 json") << 1 << u"sensor/motion"_s << QByteArray(R"({"sensor_id":"pir-1"})");
    QTest::addRow("qos0 text") << 0 << u"sensor/pressure"_s << QByteArray("plain text");
    QTest::addRow("qos1 binary with nul")
        << 1 << u"sensor/raw"_s << QByteArray("\x00\x01\xff\x7f", 4);
    QTest::addRow("qos1 empty") << 1 << u"sensor/empty"_s << QByteArray();
    QTest::addRow("qos1 utf-8 topic") << 1 << u"sensor/entrée"_s << QByteArray("é");
}

void tst_MqttClient::roundTrip()
{
    QFETCH(int, qos);
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);

    MosquittoBroker &broker = *m_broker;
    QString error;

    auto subscriber = makeClient(broker);
    QSignalSpy received(subscriber.get(), &MqttClient::messageReceived);
    QVERIFY(connectAndSubscribe(subscriber.get(), u"sensor/#"_s));

    auto publisher = makeClient(broker);
    QSignalSpy sent(publisher.get(), &MqttClient::messageSent);
    QSignalSpy connected(publisher.get(), &MqttClient::connected);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);
    QCOMPARE(connected.size(), 1);

    const int mid = publisher->publish(topic, payload, qos);
    QVERIFY2(mid > 0, qPrintable(publisher->errorString()));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toByteArray(), payload);
    QCOMPARE(received.at(0).at(1).toString(), topic);
    QTRY_COMPARE(sent.size(), 1);
    QCOMPARE(sent.at(0).at(0).toInt(), mid);
    QCOMPARE(publisher->error(), Error::NoError);

    QSignalSpy disconnected(publisher.get(), &MqttClient::disconnected);
    publisher->disconnectFromHost();
    QCOMPARE(publisher->state(), State::Disconnected);
    QCOMPARE(disconnected.size(), 1);
}

// The fixture's helper, which other areas' tests use to play the guide's mosquitto_pub.
void tst_MqttClient::mosquittoPubDeliversExactBytes()
{
    MosquittoBroker &broker = *m_broker;
    QString error;
    auto subscriber = makeClient(broker);
    QSignalSpy received(subscriber.get(), &MqttClient::messageReceived);
    QVERIFY(connectAndSubscribe(subscriber.get(), u"sensor/#"_s));

    const QByteArray payload("{\"a\": 1}\n\x00\xff trailing ", 17);
    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(broker, u"sensor/motion"_s, payload, 1, false,
                                                      &error),
             qPrintable(error));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toByteArray(), payload);
}

void tst_MqttClient::burstArrivesCompleteAndInOrder()
{
    constexpr int Count = 10000;
    MosquittoBroker &broker = *m_broker;

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    payloads.reserve(Count);
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"burst/#"_s));

    auto publisher = makeClient(broker);
    QSignalSpy sent(publisher.get(), &MqttClient::messageSent);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < Count; ++i)
        QVERIFY(publisher->publish(u"burst/seq"_s, QByteArray::number(i), 1) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(payloads.size(), Count, 60000);
    const qint64 elapsedMs = timer.elapsed();
    for (int i = 0; i < Count; ++i)
        QCOMPARE(payloads.at(i), QByteArray::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), Count, 10000);
    qInfo("%d QoS 1 messages published and received in %lld ms", Count, elapsedMs);
}

void tst_MqttClient::offlineQueueDropsOldest()
{
    MosquittoBroker &broker = *m_broker;

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"bounded/#"_s));

    auto publisher = makeClient(broker);
    publisher->setOfflineQueueLimit(3);
    QSignalSpy dropped(publisher.get(), &MqttClient::publishDropped);
    for (int i = 1; i <= 5; ++i)
        QCOMPARE(publisher->publish(u"bounded/seq"_s, QByteArray::number(i), 1), 0);
    QCOMPARE(publisher->offlineQueueSize(), 3);
    QCOMPARE(publisher->droppedPublishes(), 2);
    QCOMPARE(dropped.size(), 2);
    QCOMPARE(dropped.at(1).at(0).toLongLong(), 2);

    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(payloads.size(), 3, ConnectTimeoutMs);
    QCOMPARE(payloads, (QList<QByteArray>{"3", "4", "5"}));
}

void tst_MqttClient::disconnectWritesWhatWasHandedOver()
{
    MosquittoBroker &broker = *m_broker;
    QString error;

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"last/#"_s));

    auto publisher = makeClient(broker);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);
    QSignalSpy disconnected(publisher.get(), &MqttClient::disconnected);
    for (int i = 0; i < 100; ++i)
        QVERIFY(publisher->publish(u"last/seq"_s, QByteArray(1000, char('a' + i % 26)), 1) > 0);
    publisher->disconnectFromHost(); // no event loop turn in between
    QCOMPARE(publisher->state(), State::Disconnected);
    QCOMPARE(disconnected.size(), 1);
    QCOMPARE(publisher->error(), Error::NoError);

    QTRY_COMPARE_WITH_TIMEOUT(payloads.size(), 100, ConnectTimeoutMs);
    QCOMPARE(payloads.last(), QByteArray(1000, char('a' + 99 % 26)));
    QCOMPARE(publisher->state(), State::Disconnected); // no retry after a requested disconnect
}

void tst_MqttClient::invalidTopicIsRefused()
{
    MqttClient client;
    QCOMPARE(client.publish(u"sensor/#"_s, "x"), -1);
    QVERIFY(client.errorString().contains(u"invalid topic"_s));
    QVERIFY(!client.subscribe(u"sensor/#/more"_s));
    QCOMPARE(client.offlineQueueSize(), 0);

    MqttClient persistentWithoutId;
    persistentWithoutId.setCleanSession(false);
    persistentWithoutId.connectToHost();
    QCOMPARE(persistentWithoutId.error(), Error::IdRejected);
    QCOMPARE(persistentWithoutId.state(), State::Disconnected);
}

QTEST_GUILESS_MAIN(tst_MqttClient)
#include "tst_mqttclient.moc"

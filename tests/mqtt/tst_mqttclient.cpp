#include "mosquittobroker.h"
#include "mqttclient.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using State = MqttClient::ClientState;
using Error = MqttClient::ClientError;

namespace {

constexpr int ConnectTimeoutMs = 10000;

std::unique_ptr<MqttClient> makeClient(const MosquittoBroker &broker)
{
    auto client = std::make_unique<MqttClient>();
    client->setHostname(broker.host());
    client->setPort(broker.port());
    client->setReconnectDelays(50, 500);
    return client;
}

} // namespace

class tst_MqttClient : public QObject
{
    Q_OBJECT

private:
    // Connects `client` and subscribes it to `filter`, returning once the broker acknowledged.
    static bool connectAndSubscribe(MqttClient *client, const QString &filter, int qos = 1);

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
};

bool tst_MqttClient::connectAndSubscribe(MqttClient *client, const QString &filter, int qos)
{
    QSignalSpy subscribed(client, &MqttClient::subscribed);
    if (!client->subscribe(filter, qos))
        return false;
    client->connectToHost();
    return subscribed.wait(ConnectTimeoutMs) || !subscribed.isEmpty();
}

void tst_MqttClient::roundTrip_data()
{
    QTest::addColumn<int>("qos");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");

    QTest::addRow("qos1 json") << 1 << u"sensor/motion"_qs
                               << QByteArray(R"({"sensor_id":"pir-1"})");
    QTest::addRow("qos0 text") << 0 << u"sensor/pressure"_qs << QByteArray("plain text");
    QTest::addRow("qos1 binary with nul")
        << 1 << u"sensor/raw"_qs << QByteArray("\x00\x01\xff\x7f", 4);
    QTest::addRow("qos1 empty") << 1 << u"sensor/empty"_qs << QByteArray();
    QTest::addRow("qos1 utf-8 topic") << 1 << u"sensor/entrée"_qs << QByteArray("é");
}

void tst_MqttClient::roundTrip()
{
    QFETCH(int, qos);
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);

    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto subscriber = makeClient(broker);
    QSignalSpy received(subscriber.get(), &MqttClient::messageReceived);
    QVERIFY(connectAndSubscribe(subscriber.get(), u"sensor/#"_qs));

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

QTEST_GUILESS_MAIN(tst_MqttClient)
#include "tst_mqttclient.moc"

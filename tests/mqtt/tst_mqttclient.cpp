#include "mosquittobroker.h"
#include "mqttclient.h"

#include <QElapsedTimer>
#include <QProcess>
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
    void mosquittoPubDeliversExactBytes();
    void burstArrivesCompleteAndInOrder();
    void resubscribesAfterBrokerRestart();
    void offlinePublishesDeliveredInOrderAfterRestart();
    void unacknowledgedPublishesResentAfterBrokerCrash();
    void keepaliveDetectsHungBroker();
    void offlineQueueDropsOldest();
    void retriesUntilBrokerComesUp();
    void refusedCredentials_data();
    void refusedCredentials();
    void lastWillOnKill();
    void tls_data();
    void tls();
    void persistentSessionKeepsMissedMessages();
    void disconnectWritesWhatWasHandedOver();
    void invalidTopicIsRefused();
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

// The fixture's helper, which other areas' tests use to play the guide's mosquitto_pub.
void tst_MqttClient::mosquittoPubDeliversExactBytes()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));
    auto subscriber = makeClient(broker);
    QSignalSpy received(subscriber.get(), &MqttClient::messageReceived);
    QVERIFY(connectAndSubscribe(subscriber.get(), u"sensor/#"_qs));

    const QByteArray payload("{\"a\": 1}\n\x00\xff trailing ", 17);
    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(broker, u"sensor/motion"_qs, payload, 1,
                                                      false, &error),
             qPrintable(error));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toByteArray(), payload);
}

void tst_MqttClient::burstArrivesCompleteAndInOrder()
{
    constexpr int Count = 10000;
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    payloads.reserve(Count);
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"burst/#"_qs));

    auto publisher = makeClient(broker);
    QSignalSpy sent(publisher.get(), &MqttClient::messageSent);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);

    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < Count; ++i)
        QVERIFY(publisher->publish(u"burst/seq"_qs, QByteArray::number(i), 1) > 0);
    QTRY_COMPARE_WITH_TIMEOUT(payloads.size(), Count, 60000);
    const qint64 elapsedMs = timer.elapsed();
    for (int i = 0; i < Count; ++i)
        QCOMPARE(payloads.at(i), QByteArray::number(i));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), Count, 10000);
    qInfo("%d QoS 1 messages published and received in %lld ms", Count, elapsedMs);
}

void tst_MqttClient::resubscribesAfterBrokerRestart()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto subscriber = makeClient(broker);
    QSignalSpy received(subscriber.get(), &MqttClient::messageReceived);
    QSignalSpy disconnected(subscriber.get(), &MqttClient::disconnected);
    QSignalSpy connected(subscriber.get(), &MqttClient::connected);
    QVERIFY(connectAndSubscribe(subscriber.get(), u"sensor/#"_qs));

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

    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(broker, u"sensor/motion"_qs, "after restart",
                                                      1, false, &error),
             qPrintable(error));
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("after restart"));
}

void tst_MqttClient::offlinePublishesDeliveredInOrderAfterRestart()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"queued/#"_qs));

    // The publisher retries only when told to, so the subscriber is back first.
    auto publisher = makeClient(broker);
    publisher->setReconnectDelays(600000, 600000);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);

    broker.stop();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Disconnected, ConnectTimeoutMs);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(publisher->publish(u"queued/seq"_qs, QByteArray::number(i), 1), 0);
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
void tst_MqttClient::unacknowledgedPublishesResentAfterBrokerCrash()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"unacked/#"_qs));

    auto publisher = makeClient(broker);
    publisher->setReconnectDelays(600000, 600000); // reconnects when told, after the subscriber
    QSignalSpy sent(publisher.get(), &MqttClient::messageSent);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);

    broker.pause(); // the publishes reach its socket, but it never reads them
    QList<int> mids;
    for (int i = 0; i < 10; ++i)
        mids.append(publisher->publish(u"unacked/seq"_qs, QByteArray::number(i), 1));
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
void tst_MqttClient::keepaliveDetectsHungBroker()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto client = makeClient(broker);
    client->setKeepAlive(5);
    QSignalSpy disconnected(client.get(), &MqttClient::disconnected);
    client->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Connected, ConnectTimeoutMs);

    broker.pause();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, 20000); // ping after 5 s, give up at 10 s
    QCOMPARE(client->error(), Error::TransportInvalid);
    QVERIFY2(client->errorString().contains(u"keepalive"_qs), qPrintable(client->errorString()));
    broker.resume();
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Connected, ConnectTimeoutMs);
}

void tst_MqttClient::offlineQueueDropsOldest()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"bounded/#"_qs));

    auto publisher = makeClient(broker);
    publisher->setOfflineQueueLimit(3);
    QSignalSpy dropped(publisher.get(), &MqttClient::publishDropped);
    for (int i = 1; i <= 5; ++i)
        QCOMPARE(publisher->publish(u"bounded/seq"_qs, QByteArray::number(i), 1), 0);
    QCOMPARE(publisher->offlineQueueSize(), 3);
    QCOMPARE(publisher->droppedPublishes(), 2);
    QCOMPARE(dropped.size(), 2);
    QCOMPARE(dropped.at(1).at(0).toLongLong(), 2);

    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(payloads.size(), 3, ConnectTimeoutMs);
    QCOMPARE(payloads, (QList<QByteArray>{"3", "4", "5"}));
}

void tst_MqttClient::retriesUntilBrokerComesUp()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));
    broker.stop(); // now nothing listens on broker.port()

    auto client = makeClient(broker);
    QSignalSpy stateChanged(client.get(), &MqttClient::stateChanged);
    client->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(client->error(), Error::TransportInvalid, ConnectTimeoutMs);
    QVERIFY2(client->errorString().startsWith(u"cannot connect to 127.0.0.1:"_qs),
             qPrintable(client->errorString()));
    QVERIFY(!client->errorString().contains(QLatin1Char('\n')));
    // A second attempt proves the retry (Connecting -> Disconnected, twice).
    QTRY_VERIFY_WITH_TIMEOUT(stateChanged.size() >= 4, ConnectTimeoutMs);

    QVERIFY2(broker.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Connected, ConnectTimeoutMs);
    QCOMPARE(client->error(), Error::NoError);
    QVERIFY(client->errorString().isEmpty());
}

void tst_MqttClient::refusedCredentials_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");

    QTest::addRow("wrong password") << u"vigil"_qs << u"not-the-password"_qs;
    QTest::addRow("unknown user") << u"intruder"_qs << u"s3cret-pw"_qs;
    QTest::addRow("anonymous") << QString() << QString();
}

void tst_MqttClient::refusedCredentials()
{
    QFETCH(QString, username);
    QFETCH(QString, password);

    MosquittoBroker broker({.username = u"vigil"_qs, .password = u"s3cret-pw"_qs});
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto client = makeClient(broker);
    client->setUsername(username);
    client->setPassword(password);
    QSignalSpy connected(client.get(), &MqttClient::connected);
    client->connectToHost();
    QTRY_VERIFY_WITH_TIMEOUT(client->error() == Error::NotAuthorized ||
                                 client->error() == Error::BadUsernameOrPassword,
                             ConnectTimeoutMs);
    QVERIFY2(client->errorString().startsWith(u"connection refused: "_qs),
             qPrintable(client->errorString()));
    QVERIFY(!client->errorString().contains(QLatin1Char('\n')));
    if (!password.isEmpty())
        QVERIFY(!client->errorString().contains(password));
    QCOMPARE(connected.size(), 0);

    // The right credentials on the same broker work, so the refusal was about the credentials.
    auto rightful = makeClient(broker);
    rightful->setUsername(u"vigil"_qs);
    rightful->setPassword(u"s3cret-pw"_qs);
    rightful->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(rightful->state(), State::Connected, ConnectTimeoutMs);
}

void tst_MqttClient::lastWillOnKill()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto subscriber = makeClient(broker);
    QSignalSpy received(subscriber.get(), &MqttClient::messageReceived);
    QVERIFY(connectAndSubscribe(subscriber.get(), u"vigil/status/#"_qs));

    QProcess willClient;
    willClient.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    willClient.start(
        QStringLiteral(VIGIL_BIN_DIR "/mqtt_will_client"),
        {broker.host(), QString::number(broker.port()), u"vigil/status/agent-1"_qs, u"offline"_qs});
    QVERIFY2(willClient.waitForStarted(), qPrintable(willClient.errorString()));
    QByteArray output; // QTRY evaluates the condition more than once; readAll() consumes
    QTRY_VERIFY_WITH_TIMEOUT((output += willClient.readAllStandardOutput()).contains("connected"),
                             ConnectTimeoutMs);
    QCOMPARE(received.size(), 0);

    willClient.kill(); // SIGKILL: no DISCONNECT, so the broker publishes the will
    QVERIFY(willClient.waitForFinished());
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, ConnectTimeoutMs);
    QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("offline"));
    QCOMPARE(received.at(0).at(1).toString(), u"vigil/status/agent-1"_qs);
}

void tst_MqttClient::tls_data()
{
    QTest::addColumn<QString>("ca"); // "right", "wrong" or "missing"
    QTest::addColumn<Error>("expectedError");
    QTest::addColumn<QString>("expectedText");

    QTest::addRow("right CA") << u"right"_qs << Error::NoError << QString();
    QTest::addRow("wrong CA") << u"wrong"_qs << Error::TlsError
                              << u"failed: certificate verify failed"_qs;
    QTest::addRow("missing CA file")
        << u"missing"_qs << Error::TlsError << u"not a readable file"_qs;
}

void tst_MqttClient::tls()
{
    QFETCH(QString, ca);
    QFETCH(Error, expectedError);
    QFETCH(QString, expectedText);

    MosquittoBroker broker({.tls = true});
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto client = makeClient(broker);
    client->setAutoReconnect(false);
    if (ca == u"right"_qs)
        client->setCaFile(broker.caFile());
    else if (ca == u"wrong"_qs)
        client->setCaFile(broker.wrongCaFile());
    else
        client->setCaFile(broker.dataDir() + u"/no-such-ca.crt"_qs);
    QSignalSpy received(client.get(), &MqttClient::messageReceived);
    client->subscribe(u"tls/#"_qs);
    client->connectToHost();

    if (expectedError == Error::NoError) {
        QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Connected, ConnectTimeoutMs);
        QCOMPARE(client->error(), Error::NoError);
        QVERIFY(client->publish(u"tls/echo"_qs, "over tls", 1) > 0);
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("over tls"));
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(client->error(), expectedError, ConnectTimeoutMs);
        QTRY_COMPARE(client->state(), State::Disconnected);
        QVERIFY2(client->errorString().contains(expectedText), qPrintable(client->errorString()));
        QVERIFY(!client->errorString().contains(QLatin1Char('\n')));
    }
}

void tst_MqttClient::persistentSessionKeepsMissedMessages()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));
    const QString clientId = u"vigil-bridge-test"_qs;

    {
        auto first = makeClient(broker);
        first->setClientId(clientId);
        first->setCleanSession(false);
        QVERIFY(connectAndSubscribe(first.get(), u"sensor/#"_qs));
        first->disconnectFromHost();
        QCOMPARE(first->state(), State::Disconnected);
    }

    for (int i = 0; i < 3; ++i)
        QVERIFY2(MosquittoBroker::publishWithMosquittoPub(broker, u"sensor/motion"_qs,
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

void tst_MqttClient::disconnectWritesWhatWasHandedOver()
{
    MosquittoBroker broker;
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto subscriber = makeClient(broker);
    QList<QByteArray> payloads;
    connect(subscriber.get(), &MqttClient::messageReceived, this,
            [&payloads](const QByteArray &payload) { payloads.append(payload); });
    QVERIFY(connectAndSubscribe(subscriber.get(), u"last/#"_qs));

    auto publisher = makeClient(broker);
    publisher->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(publisher->state(), State::Connected, ConnectTimeoutMs);
    QSignalSpy disconnected(publisher.get(), &MqttClient::disconnected);
    for (int i = 0; i < 100; ++i)
        QVERIFY(publisher->publish(u"last/seq"_qs, QByteArray(1000, char('a' + i % 26)), 1) > 0);
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
    QCOMPARE(client.publish(u"sensor/#"_qs, "x"), -1);
    QVERIFY(client.errorString().contains(u"invalid topic"_qs));
    QVERIFY(!client.subscribe(u"sensor/#/more"_qs));
    QCOMPARE(client.offlineQueueSize(), 0);

    MqttClient persistentWithoutId;
    persistentWithoutId.setCleanSession(false);
    persistentWithoutId.connectToHost();
    QCOMPARE(persistentWithoutId.error(), Error::IdRejected);
    QCOMPARE(persistentWithoutId.state(), State::Disconnected);
}

QTEST_GUILESS_MAIN(tst_MqttClient)
#include "tst_mqttclient.moc"

// MqttClient against a real mosquitto. Security: credentials and TLS, and the one-line errors when
// they are wrong.
#include "mosquittobroker.h"
#include "mqtttestsupport.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace MqttTestSupport;

class tst_MqttClientSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusedCredentials_data();
    void refusedCredentials();
    void tls_data();
    void tls();
};

void tst_MqttClientSecurity::refusedCredentials_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");

    QTest::addRow("wrong password") << u"vigil"_s << u"not-the-password"_s;
    QTest::addRow("unknown user") << u"intruder"_s << u"s3cret-pw"_s;
    QTest::addRow("anonymous") << QString() << QString();
}

void tst_MqttClientSecurity::refusedCredentials()
{
    QFETCH(QString, username);
    QFETCH(QString, password);

    MosquittoBroker broker({.username = u"vigil"_s, .password = u"s3cret-pw"_s});
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
    QVERIFY2(client->errorString().startsWith(u"connection refused: "_s),
             qPrintable(client->errorString()));
    QVERIFY(!client->errorString().contains(QLatin1Char('\n')));
    if (!password.isEmpty())
        QVERIFY(!client->errorString().contains(password));
    QCOMPARE(connected.size(), 0);

    // The right credentials on the same broker work, so the refusal was about the credentials.
    auto rightful = makeClient(broker);
    rightful->setUsername(u"vigil"_s);
    rightful->setPassword(u"s3cret-pw"_s);
    rightful->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(rightful->state(), State::Connected, ConnectTimeoutMs);
}

void tst_MqttClientSecurity::tls_data()
{
    QTest::addColumn<QString>("ca"); // "right", "wrong" or "missing"
    QTest::addColumn<Error>("expectedError");
    QTest::addColumn<QString>("expectedText");

    QTest::addRow("right CA") << u"right"_s << Error::NoError << QString();
    QTest::addRow("wrong CA") << u"wrong"_s << Error::TlsError
                              << u"failed: certificate verify failed"_s;
    QTest::addRow("missing CA file") << u"missing"_s << Error::TlsError << u"not a readable file"_s;
}

void tst_MqttClientSecurity::tls()
{
    QFETCH(QString, ca);
    QFETCH(Error, expectedError);
    QFETCH(QString, expectedText);

    MosquittoBroker broker({.tls = true});
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    auto client = makeClient(broker);
    client->setAutoReconnect(false);
    if (ca == u"right"_s)
        client->setCaFile(broker.caFile());
    else if (ca == u"wrong"_s)
        client->setCaFile(broker.wrongCaFile());
    else
        client->setCaFile(broker.dataDir() + u"/no-such-ca.crt"_s);
    QSignalSpy received(client.get(), &MqttClient::messageReceived);
    client->subscribe(u"tls/#"_s);
    client->connectToHost();

    if (expectedError == Error::NoError) {
        QTRY_COMPARE_WITH_TIMEOUT(client->state(), State::Connected, ConnectTimeoutMs);
        QCOMPARE(client->error(), Error::NoError);
        QVERIFY(client->publish(u"tls/echo"_s, "over tls", 1) > 0);
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray("over tls"));
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(client->error(), expectedError, ConnectTimeoutMs);
        QTRY_COMPARE(client->state(), State::Disconnected);
        QVERIFY2(client->errorString().contains(expectedText), qPrintable(client->errorString()));
        QVERIFY(!client->errorString().contains(QLatin1Char('\n')));
    }
}

QTEST_GUILESS_MAIN(tst_MqttClientSecurity)
#include "tst_mqttclientsecurity.moc"

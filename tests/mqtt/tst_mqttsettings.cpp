#include "mqttclient.h"
#include "mqttsettings.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

ProgramSpec program()
{
    return ProgramSpec{.name = u"vigil-test"_s,
                       .description = u"MQTT settings under test"_s,
                       .settings = MqttSettings::specs()};
}

QProcessEnvironment environment(const QStringList &assignments)
{
    QProcessEnvironment env;
    for (const QString &assignment : assignments)
        env.insert(assignment.section(QLatin1Char('='), 0, 0),
                   assignment.section(QLatin1Char('='), 1));
    return env;
}

} // namespace

class tst_MqttSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsConfigureLocalBroker();
    void defaultsAreMqttConfigs();
    void valuesReachTheClient();
    void badValueIsOneClearLine_data();
    void badValueIsOneClearLine();
};

void tst_MqttSettings::defaultsConfigureLocalBroker()
{
    const auto result = Settings::load(program(), {u"vigil-test"_s}, QProcessEnvironment());
    QVERIFY2(result.settings, qPrintable(result.output));
    MqttClient client;
    MqttSettings::apply(MqttSettings::load(*result.settings), &client);
    QCOMPARE(client.hostname(), u"localhost"_s);
    QCOMPARE(client.port(), quint16(1883));
    QCOMPARE(client.keepAlive(), 30);
    QVERIFY(client.username().isEmpty());
    QVERIFY(client.caFile().isEmpty()); // no TLS unless asked
}

void tst_MqttSettings::defaultsAreMqttConfigs()
{
    // The table takes its defaults from MqttConfig: loading nothing gives MqttConfig{}.
    const auto result = Settings::load(program(), {u"vigil-test"_s}, QProcessEnvironment());
    QVERIFY2(result.settings, qPrintable(result.output));
    const MqttConfig loaded = MqttSettings::load(*result.settings);
    const MqttConfig defaults;
    QCOMPARE(loaded.broker, defaults.broker);
    QCOMPARE(loaded.port, defaults.port);
    QCOMPARE(loaded.username, defaults.username);
    QCOMPARE(loaded.password, defaults.password);
    QCOMPARE(loaded.caFile, defaults.caFile);
    QCOMPARE(loaded.keepAliveSeconds, defaults.keepAliveSeconds);
}

void tst_MqttSettings::valuesReachTheClient()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ca = dir.filePath(u"ca.crt"_s);
    QFile file(ca);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();

    const auto result =
        Settings::load(program(), {u"vigil-test"_s, u"--mqtt-port"_s, u"8883"_s},
                       environment({u"MQTT_BROKER=broker.lan"_s, u"MQTT_USERNAME=agent"_s,
                                    u"MQTT_PASSWORD=s3cret"_s, u"MQTT_CAFILE="_s + ca,
                                    u"MQTT_KEEPALIVE=60"_s, u"MQTT_PORT=1884"_s}));
    QVERIFY2(result.settings, qPrintable(result.output));
    MqttClient client;
    MqttSettings::apply(MqttSettings::load(*result.settings), &client);
    QCOMPARE(client.hostname(), u"broker.lan"_s);
    QCOMPARE(client.port(), quint16(8883)); // the flag wins over the environment
    QCOMPARE(client.username(), u"agent"_s);
    QCOMPARE(client.caFile(), ca);
    QCOMPARE(client.keepAlive(), 60);
}

void tst_MqttSettings::badValueIsOneClearLine_data()
{
    QTest::addColumn<QString>("assignment");
    QTest::addColumn<QString>("expected");

    QTest::addRow("port zero") << u"MQTT_PORT=0"_s << u"MQTT_PORT"_s;
    QTest::addRow("port too big") << u"MQTT_PORT=70000"_s << u"MQTT_PORT"_s;
    QTest::addRow("port not a number") << u"MQTT_PORT=mqtt"_s << u"MQTT_PORT"_s;
    QTest::addRow("keepalive too short") << u"MQTT_KEEPALIVE=2"_s << u"MQTT_KEEPALIVE"_s;
    QTest::addRow("missing CA file")
        << u"MQTT_CAFILE=/nonexistent/ca.crt"_s << u"a readable file"_s;
    QTest::addRow("CA is a directory") << u"MQTT_CAFILE=/tmp"_s << u"a readable file"_s;
}

void tst_MqttSettings::badValueIsOneClearLine()
{
    QFETCH(QString, assignment);
    QFETCH(QString, expected);

    const auto result = Settings::load(program(), {u"vigil-test"_s},
                                       environment({assignment, u"MQTT_PASSWORD=s3cret"_s}));
    QVERIFY(!result.settings);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.output.contains(expected), qPrintable(result.output));
    QCOMPARE(result.output.trimmed().count(QLatin1Char('\n')), 0);
    QVERIFY(!result.output.contains(u"s3cret"_s));
}

QTEST_GUILESS_MAIN(tst_MqttSettings)
#include "tst_mqttsettings.moc"

#include "agentsettings.h"
#include "programpath.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

using Env = QList<std::pair<QString, QString>>;

std::optional<AgentConfig> resolve(const Env &env, QString *error, const QStringList &flags = {})
{
    QProcessEnvironment environment;
    for (const auto &[name, value] : env)
        environment.insert(name, value);
    const Settings::LoadResult loaded = Settings::load(
        AgentSettings::program(), QStringList{u"vigil-agent"_s} + flags, environment);
    if (!loaded.settings) {
        *error = loaded.output;
        return std::nullopt;
    }
    return AgentSettings::load(*loaded.settings, error);
}

} // namespace

class tst_AgentSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults();
    void kindAndTopic_data();
    void kindAndTopic();
    void guideComposePressureService();
    void conflictingKindAndTopic();
    void badSettingExits2_data();
    void badSettingExits2();
    void helpAndVersion();
};

void tst_AgentSettings::defaults()
{
    QString error;
    const auto settings = resolve({}, &error);
    QVERIFY2(settings, qPrintable(error));
    QCOMPARE(settings->kind, SensorLogic::Kind::Motion);
    QCOMPARE(settings->topic, u"sensor/motion"_s);
    QCOMPARE(settings->gpioPin, 17);
    QCOMPARE(settings->gpioChip, u"gpiochip0"_s);
    QCOMPARE(settings->activeLow, false);
    QCOMPARE(settings->debounceMs, 30);
    QCOMPARE(settings->pressureMinMs, 50);
    QCOMPARE(settings->deviceId, QSysInfo::machineHostName());
    QCOMPARE(settings->simulation, AgentConfig::Simulation::Off);
    QCOMPARE(settings->queueMax, 10000);
    QCOMPARE(settings->mqtt.broker, u"localhost"_s);
    QCOMPARE(settings->logLevel, u"info"_s);
}

void tst_AgentSettings::kindAndTopic_data()
{
    QTest::addColumn<Env>("env");
    QTest::addColumn<SensorLogic::Kind>("kind");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<int>("pin");

    const auto Motion = SensorLogic::Kind::Motion;
    const auto Pressure = SensorLogic::Kind::Pressure;
    QTest::addRow("kind pressure: topic and pin follow")
        << Env{{u"SENSOR_KIND"_s, u"pressure"_s}} << Pressure << u"sensor/pressure"_s << 27;
    QTest::addRow("kind from the topic's last level")
        << Env{{u"MQTT_TOPIC"_s, u"home/hall/pressure"_s}} << Pressure << u"home/hall/pressure"_s
        << 27;
    QTest::addRow("topic naming no kind: motion")
        << Env{{u"MQTT_TOPIC"_s, u"home/hall"_s}} << Motion << u"home/hall"_s << 17;
    QTest::addRow("explicit kind with a topic naming no kind")
        << Env{{u"MQTT_TOPIC"_s, u"home/mat"_s}, {u"SENSOR_KIND"_s, u"pressure"_s}} << Pressure
        << u"home/mat"_s << 27;
    QTest::addRow("explicit pin wins")
        << Env{{u"SENSOR_KIND"_s, u"motion"_s}, {u"SENSOR_PIN"_s, u"4"_s}} << Motion
        << u"sensor/motion"_s << 4;
}

void tst_AgentSettings::kindAndTopic()
{
    QFETCH(Env, env);
    QFETCH(SensorLogic::Kind, kind);
    QFETCH(QString, topic);
    QFETCH(int, pin);

    QString error;
    const auto settings = resolve(env, &error);
    QVERIFY2(settings, qPrintable(error));
    QCOMPARE(settings->kind, kind);
    QCOMPARE(settings->topic, topic);
    QCOMPARE(settings->gpioPin, pin);
}

void tst_AgentSettings::guideComposePressureService()
{
    // The guide's sensor-pressure service, verbatim: the kind must come from the topic.
    QString error;
    const auto settings = resolve({{u"MQTT_BROKER"_s, u"mqtt-broker"_s},
                                   {u"MQTT_PORT"_s, u"1883"_s},
                                   {u"MQTT_TOPIC"_s, u"sensor/pressure"_s},
                                   {u"SENSOR_PIN"_s, u"27"_s},
                                   {u"DEVICE_ID"_s, u"raspberry-1"_s}},
                                  &error);
    QVERIFY2(settings, qPrintable(error));
    QCOMPARE(settings->kind, SensorLogic::Kind::Pressure);
    QCOMPARE(settings->topic, u"sensor/pressure"_s);
    QCOMPARE(settings->gpioPin, 27);
    QCOMPARE(settings->deviceId, u"raspberry-1"_s);
    QCOMPARE(settings->mqtt.broker, u"mqtt-broker"_s);
    QCOMPARE(settings->mqtt.port, quint16(1883));
}

void tst_AgentSettings::conflictingKindAndTopic()
{
    QString error;
    QVERIFY(!resolve({{u"MQTT_TOPIC"_s, u"sensor/motion"_s}}, &error,
                     {u"--sensor-kind"_s, u"pressure"_s}));
    QCOMPARE(error, u"error: SENSOR_KIND=pressure (from flag --sensor-kind): MQTT_TOPIC="
                    "sensor/motion names the other kind; set MQTT_TOPIC to sensor/pressure or "
                    "leave it unset"_s);
}

void tst_AgentSettings::badSettingExits2_data()
{
    QTest::addColumn<Env>("env");
    QTest::addColumn<QString>("expected"); // the start of the one stderr line

    QTest::addRow("SENSOR_KIND") << Env{{u"SENSOR_KIND"_s, u"door"_s}}
                                 << u"error: SENSOR_KIND=door (from environment): expected one "
                                    "of: motion, pressure"_s;
    QTest::addRow("SENSOR_PIN negative")
        << Env{{u"SENSOR_PIN"_s, u"-1"_s}}
        << u"error: SENSOR_PIN=-1 (from environment): expected a whole number from 0 to 1023"_s;
    QTest::addRow("SENSOR_PIN text") << Env{{u"SENSOR_PIN"_s, u"gpio17"_s}}
                                     << u"error: SENSOR_PIN=gpio17 (from environment): expected "
                                        "a whole number from 0 to 1023"_s;
    QTest::addRow("ACTIVE_LOW") << Env{{u"ACTIVE_LOW"_s, u"maybe"_s}}
                                << u"error: ACTIVE_LOW=maybe (from environment): expected true or "
                                   "false"_s;
    QTest::addRow("DEBOUNCE_MS") << Env{{u"DEBOUNCE_MS"_s, u"99999"_s}}
                                 << u"error: DEBOUNCE_MS=99999 (from environment): expected a "
                                    "whole number from 0 to 10000"_s;
    QTest::addRow("PRESSURE_MIN_MS") << Env{{u"PRESSURE_MIN_MS"_s, u"50ms"_s}}
                                     << u"error: PRESSURE_MIN_MS=50ms (from environment): "
                                        "expected a whole number"_s;
    QTest::addRow("SIMULATE") << Env{{u"SIMULATE"_s, u"random"_s}}
                              << u"error: SIMULATE=random (from environment): expected one of: "
                                 "off, stdin"_s;
    QTest::addRow("QUEUE_MAX") << Env{{u"QUEUE_MAX"_s, u"0"_s}}
                               << u"error: QUEUE_MAX=0 (from environment): expected a whole "
                                  "number from 1 to 10000000"_s;
    QTest::addRow("MQTT_TOPIC wildcard") << Env{{u"MQTT_TOPIC"_s, u"sensor/#"_s}}
                                         << u"error: MQTT_TOPIC=sensor/# (from environment): "
                                            "expected a topic to publish to, without the "
                                            "wildcards + and #"_s;
    QTest::addRow("DEVICE_ID too long")
        << Env{{u"DEVICE_ID"_s, QString(129, u'x')}}
        << u"error: DEVICE_ID=%1 (from environment): expected at most 128 characters"_s.arg(
               QString(129, u'x'));
    QTest::addRow("MQTT_PORT") << Env{{u"MQTT_PORT"_s, u"70000"_s}}
                               << u"error: MQTT_PORT=70000 (from environment): expected"_s;
    QTest::addRow("LOG_LEVEL") << Env{{u"LOG_LEVEL"_s, u"loud"_s}}
                               << u"error: LOG_LEVEL=loud (from environment): expected"_s;
    QTest::addRow("kind against topic")
        << Env{{u"SENSOR_KIND"_s, u"motion"_s}, {u"MQTT_TOPIC"_s, u"sensor/pressure"_s}}
        << u"error: SENSOR_KIND=motion (from environment): MQTT_TOPIC=sensor/pressure names the "
           "other kind"_s;
    QTest::addRow("missing chip")
        << Env{{u"GPIO_CHIP"_s, u"/dev/does-not-exist"_s}, {u"SIMULATE"_s, u"off"_s}}
        << u"error: GPIO_CHIP=/dev/does-not-exist (from environment): no such GPIO chip"_s;
    QTest::addRow("missing env file") << Env{{u"ENV_FILE"_s, u"/nonexistent/agent.env"_s}}
                                      << u"error: --env-file /nonexistent/agent.env"_s;
}

void tst_AgentSettings::badSettingExits2()
{
    QFETCH(Env, env);
    QFETCH(QString, expected);

    QProcess agent;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Nothing from the caller's environment may decide the outcome.
    for (const QString &name : environment.keys())
        if (name.startsWith(u"MQTT_"_s) || name.startsWith(u"SENSOR_"_s) || name == u"SIMULATE"_s)
            environment.remove(name);
    environment.insert(u"MQTT_PORT"_s, u"1"_s); // never reached: a bad setting stops first
    for (const auto &[name, value] : env)
        environment.insert(name, value);
    agent.setProcessEnvironment(environment);
    QSignalSpy finished(&agent, &QProcess::finished);
    agent.start(ProgramPath::of(u"vigil-agent"_s), {});
    QVERIFY(finished.wait(10000));
    const QString stderrText = QString::fromUtf8(agent.readAllStandardError());
    QCOMPARE(agent.exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent.exitCode(), 2);
    QVERIFY2(stderrText.startsWith(expected), qPrintable(stderrText));
    QCOMPARE(stderrText.count(u'\n'), 1); // one line, nothing else
    QVERIFY(agent.readAllStandardOutput().isEmpty());
}

void tst_AgentSettings::helpAndVersion()
{
    QProcess agent;
    QSignalSpy finished(&agent, &QProcess::finished);
    agent.start(ProgramPath::of(u"vigil-agent"_s), {u"--version"_s});
    QVERIFY(finished.wait(10000));
    QCOMPARE(agent.exitCode(), 0);
    QVERIFY(agent.readAllStandardOutput().startsWith("vigil-agent "));

    agent.start(ProgramPath::of(u"vigil-agent"_s), {u"--help"_s});
    QVERIFY(finished.wait(10000));
    QCOMPARE(agent.exitCode(), 0);
    const QByteArray help = agent.readAllStandardOutput();
    for (const char *name : {"SENSOR_KIND", "SENSOR_PIN", "GPIO_CHIP", "ACTIVE_LOW", "DEBOUNCE_MS",
                             "PRESSURE_MIN_MS", "DEVICE_ID", "SIMULATE", "QUEUE_MAX", "MQTT_TOPIC"})
        QVERIFY2(help.contains(name), name);
}

QTEST_GUILESS_MAIN(tst_AgentSettings)
#include "tst_agentsettings.moc"

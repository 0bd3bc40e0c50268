#include "settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_Settings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void precedence_data();
    void precedence();
    void badValues_data();
    void badValues();
    void envFileSyntax();
    void missingEnvFileIsBad();
    void helpListsEverySetting();
    void version();
    void switchFlag();
    void listsAndErrorLine();

private:
    Settings::LoadResult load(const QStringList &flags, const QHash<QString, QString> &env = {});
    QString writeEnvFile(const QByteArray &content);

    ProgramSpec m_program;
    QTemporaryDir m_dir;
    int m_files = 0;
};

void tst_Settings::initTestCase()
{
    QVERIFY(m_dir.isValid());
    SettingSpec port{QStringLiteral("MQTT_PORT"),
                     SettingSpec::Type::Integer,
                     QStringLiteral("1883"),
                     QStringLiteral("Broker port."),
                     1,
                     65535};
    SettingSpec broker{QStringLiteral("MQTT_BROKER"), SettingSpec::Type::Text,
                       QStringLiteral("localhost"), QStringLiteral("Broker host.")};
    SettingSpec password{QStringLiteral("MQTT_PASSWORD"),
                         SettingSpec::Type::Text,
                         {},
                         QStringLiteral("Broker password.")};
    password.secret = true;
    password.validate = [](const QString &value) {
        return value.size() >= 4 ? QString() : QStringLiteral("at least 4 characters");
    };
    SettingSpec kind{QStringLiteral("SENSOR_KIND"), SettingSpec::Type::Choice,
                     QStringLiteral("motion"), QStringLiteral("Sensor kind.")};
    kind.choices = {QStringLiteral("motion"), QStringLiteral("pressure")};
    SettingSpec url{QStringLiteral("BACKEND_URL"), SettingSpec::Type::Url,
                    QStringLiteral("http://localhost:8000"), QStringLiteral("Backend.")};
    SettingSpec lowLevel{QStringLiteral("ACTIVE_LOW"), SettingSpec::Type::Boolean,
                         QStringLiteral("false"), QStringLiteral("Active low.")};
    SettingSpec fullscreen{QStringLiteral("VIGIL_FULLSCREEN"), SettingSpec::Type::Switch,
                           QStringLiteral("false"), QStringLiteral("Full screen.")};
    fullscreen.flag = QStringLiteral("fullscreen");
    SettingSpec topics{QStringLiteral("MQTT_TOPICS"), SettingSpec::Type::Text,
                       QStringLiteral("sensor/#"), QStringLiteral("Topics.")};
    m_program = {QStringLiteral("vigil-test"),
                 QStringLiteral("A test program."),
                 {port, broker, password, kind, url, lowLevel, fullscreen, topics}};
}

Settings::LoadResult tst_Settings::load(const QStringList &flags,
                                        const QHash<QString, QString> &env)
{
    QProcessEnvironment environment;
    for (auto it = env.constBegin(); it != env.constEnd(); ++it)
        environment.insert(it.key(), it.value());
    return Settings::load(m_program, QStringList{QStringLiteral("vigil-test")} + flags,
                          environment);
}

QString tst_Settings::writeEnvFile(const QByteArray &content)
{
    const QString path = m_dir.filePath(QStringLiteral("test%1.env").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void tst_Settings::precedence_data()
{
    QTest::addColumn<bool>("withFile");
    QTest::addColumn<bool>("withEnv");
    QTest::addColumn<bool>("withFlag");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("origin");

    QTest::addRow("default") << false << false << false << "1883"
                             << "default";
    QTest::addRow("file over default") << true << false << false << "1001"
                                       << "test";
    QTest::addRow("env over file") << true << true << false << "1002"
                                   << "environment";
    QTest::addRow("flag over env") << true << true << true << "1003"
                                   << "flag --mqtt-port";
}

void tst_Settings::precedence()
{
    QFETCH(bool, withFile);
    QFETCH(bool, withEnv);
    QFETCH(bool, withFlag);
    QFETCH(QString, port);
    QFETCH(QString, origin);

    QStringList flags;
    QHash<QString, QString> env;
    if (withFile)
        flags << QStringLiteral("--env-file") << writeEnvFile("MQTT_PORT=1001\n");
    if (withEnv)
        env.insert(QStringLiteral("MQTT_PORT"), QStringLiteral("1002"));
    if (withFlag)
        flags << QStringLiteral("--mqtt-port") << QStringLiteral("1003");

    const Settings::LoadResult result = load(flags, env);
    QVERIFY2(result.settings, qPrintable(result.output));
    QCOMPARE(result.settings->integer(QStringLiteral("MQTT_PORT")), port.toLongLong());
    QVERIFY2(result.settings->origin(QStringLiteral("MQTT_PORT")).contains(origin),
             qPrintable(result.settings->origin(QStringLiteral("MQTT_PORT"))));
}

void tst_Settings::badValues_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("message");

    QTest::addRow("port not a number")
        << QStringList{u"--mqtt-port"_s, u"abc"_s}
        << "error: MQTT_PORT=abc (from flag --mqtt-port): expected a whole number from 1 to 65535";
    QTest::addRow("port out of range") << QStringList{u"--mqtt-port"_s, u"70000"_s}
                                       << "error: MQTT_PORT=70000 (from flag --mqtt-port): "
                                          "expected a whole number from 1 to 65535";
    QTest::addRow("bad choice")
        << QStringList{u"--sensor-kind"_s, u"door"_s}
        << "error: SENSOR_KIND=door (from flag --sensor-kind): expected one of: motion, pressure";
    QTest::addRow("bad url")
        << QStringList{u"--backend-url"_s, u"ftp://x"_s}
        << "error: BACKEND_URL=ftp://x (from flag --backend-url): expected an absolute http:// or "
           "https:// URL";
    QTest::addRow("bad boolean")
        << QStringList{u"--active-low"_s, u"maybe"_s}
        << "error: ACTIVE_LOW=maybe (from flag --active-low): expected true or false (also 1/0, "
           "yes/no, on/off)";
    QTest::addRow("secret stays hidden")
        << QStringList{u"--mqtt-password"_s, u"abc"_s}
        << "error: MQTT_PASSWORD=<hidden> (from flag --mqtt-password): expected at least 4 "
           "characters";
    QTest::addRow("unknown flag") << QStringList{u"--colour"_s, u"red"_s}
                                  << "error: Unknown option 'colour'. (see --help)";
    QTest::addRow("stray argument")
        << QStringList{u"extra"_s} << "error: unexpected argument 'extra' (see --help)";
}

void tst_Settings::badValues()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, message);

    const Settings::LoadResult result = load(flags);
    QVERIFY(!result.settings);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.output, message);
}

void tst_Settings::envFileSyntax()
{
    const QString path = writeEnvFile("# the guide's .env\n"
                                      "\n"
                                      "MQTT_BROKER=mqtt-broker\n"
                                      "export SENSOR_KIND='pressure'\n"
                                      "BACKEND_URL=\"https://example.invalid:8443\"\n"
                                      "MQTT_TOPICS=a/#,b/# # two filters\n"
                                      "UNRELATED=ignored\n");
    const Settings::LoadResult result = load({QStringLiteral("--env-file"), path});
    QVERIFY2(result.settings, qPrintable(result.output));
    QCOMPARE(result.settings->text(QStringLiteral("MQTT_BROKER")), QStringLiteral("mqtt-broker"));
    QCOMPARE(result.settings->text(QStringLiteral("SENSOR_KIND")), QStringLiteral("pressure"));
    QCOMPARE(result.settings->url(QStringLiteral("BACKEND_URL")).port(), 8443);
    QCOMPARE(result.settings->list(QStringLiteral("MQTT_TOPICS")),
             (QStringList{QStringLiteral("a/#"), QStringLiteral("b/#")}));
    QCOMPARE(result.settings->origin(QStringLiteral("MQTT_BROKER")), path + QStringLiteral(":3"));

    const Settings::LoadResult bad = load({QStringLiteral("--env-file"), writeEnvFile("oops\n")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.output.endsWith(u":1: expected KEY=VALUE"), qPrintable(bad.output));
}

void tst_Settings::missingEnvFileIsBad()
{
    const Settings::LoadResult result =
        load({QStringLiteral("--env-file"), m_dir.filePath(QStringLiteral("none.env"))});
    QVERIFY(!result.settings);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.output.startsWith(u"error: --env-file "), qPrintable(result.output));
    QVERIFY(!result.output.contains(u'\n'));
}

void tst_Settings::helpListsEverySetting()
{
    const Settings::LoadResult result = load({QStringLiteral("--help")});
    QVERIFY(!result.settings);
    QCOMPARE(result.exitCode, 0);
    for (const SettingSpec &spec : std::as_const(m_program.settings)) {
        QVERIFY2(result.output.contains(spec.name), qPrintable(spec.name));
        QVERIFY2(result.output.contains(u"--" + Settings::flagName(spec)), qPrintable(spec.name));
    }
    QVERIFY(result.output.contains(u"MQTT_PORT            = 1883"));
    QVERIFY(result.output.contains(u"--env-file"));
}

void tst_Settings::version()
{
    const Settings::LoadResult result = load({QStringLiteral("--version")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.output, QStringLiteral("vigil-test " VIGIL_VERSION));
}

void tst_Settings::switchFlag()
{
    const Settings::LoadResult off = load({});
    QVERIFY(!off.settings->boolean(QStringLiteral("VIGIL_FULLSCREEN")));
    const Settings::LoadResult on = load({QStringLiteral("--fullscreen")});
    QVERIFY2(on.settings, qPrintable(on.output));
    QVERIFY(on.settings->boolean(QStringLiteral("VIGIL_FULLSCREEN")));
    const Settings::LoadResult fromEnv =
        load({}, {{QStringLiteral("VIGIL_FULLSCREEN"), QStringLiteral("yes")}});
    QVERIFY(fromEnv.settings->boolean(QStringLiteral("VIGIL_FULLSCREEN")));
}

void tst_Settings::listsAndErrorLine()
{
    const Settings::LoadResult result =
        load({QStringLiteral("--mqtt-password"), QStringLiteral("hunter2")});
    QVERIFY(result.settings);
    QVERIFY(result.settings->isSet(QStringLiteral("BACKEND_URL")));
    QCOMPARE(result.settings->errorLine(QStringLiteral("MQTT_PASSWORD"), QStringLiteral("refused")),
             QStringLiteral("error: MQTT_PASSWORD=<hidden> (from flag --mqtt-password): refused"));
    QCOMPARE(result.settings->errorLine(QStringLiteral("MQTT_PORT"), QStringLiteral("in use")),
             QStringLiteral("error: MQTT_PORT=1883 (from default): in use"));
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"

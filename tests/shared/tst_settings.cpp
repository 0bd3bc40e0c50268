#include "settings.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// What a program's load() gives: a typed value, or a cross-setting refusal.
struct TestConfig
{
    quint16 port = 0;
    QString broker;
};

int g_reads = 0; // how often readTestConfig ran

std::optional<TestConfig> readTestConfig(const Settings &settings, QString *error)
{
    ++g_reads;
    if (settings.text(u"MQTT_BROKER"_s) == u"refused"_s) {
        *error = settings.errorLine(u"MQTT_BROKER"_s, u"refused by the program"_s);
        return std::nullopt;
    }
    return TestConfig{quint16(settings.integer(u"MQTT_PORT"_s)), settings.text(u"MQTT_BROKER"_s)};
}

} // namespace

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
    void loadConfig_data();
    void loadConfig();
    // A secret in NAME_FILE (the docker-compose / systemd-credentials convention).
    void secretReadFromFile_data();
    void secretReadFromFile();
    void secretFileProblemsAreOneLine_data();
    void secretFileProblemsAreOneLine();
    void secretFromFileIsCheckedAndHidden();
    void secretAsFlagWarnsOfTheProcessList();
    void helpListsTheFileVariants();

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
    SettingSpec port{u"MQTT_PORT"_s, SettingSpec::Type::Integer, u"1883"_s, u"Broker port."_s, 1,
                     65535};
    SettingSpec broker{u"MQTT_BROKER"_s, SettingSpec::Type::Text, u"localhost"_s,
                       u"Broker host."_s};
    SettingSpec password{u"MQTT_PASSWORD"_s, SettingSpec::Type::Text, {}, u"Broker password."_s};
    password.secret = true;
    password.validate = [](const QString &value) {
        return value.size() >= 4 ? QString() : u"at least 4 characters"_s;
    };
    SettingSpec kind{u"SENSOR_KIND"_s, SettingSpec::Type::Choice, u"motion"_s, u"Sensor kind."_s};
    kind.choices = {u"motion"_s, u"pressure"_s};
    SettingSpec url{u"BACKEND_URL"_s, SettingSpec::Type::Url, u"http://localhost:8000"_s,
                    u"Backend."_s};
    SettingSpec lowLevel{u"ACTIVE_LOW"_s, SettingSpec::Type::Boolean, u"false"_s, u"Active low."_s};
    SettingSpec fullscreen{u"VIGIL_FULLSCREEN"_s, SettingSpec::Type::Switch, u"false"_s,
                           u"Full screen."_s};
    fullscreen.flag = u"fullscreen"_s;
    SettingSpec topics{u"MQTT_TOPICS"_s, SettingSpec::Type::Text, u"sensor/#"_s, u"Topics."_s};
    m_program = {u"vigil-test"_s,
                 u"A test program."_s,
                 {port, broker, password, kind, url, lowLevel, fullscreen, topics}};
}

Settings::LoadResult tst_Settings::load(const QStringList &flags,
                                        const QHash<QString, QString> &env)
{
    QProcessEnvironment environment;
    for (auto it = env.constBegin(); it != env.constEnd(); ++it)
        environment.insert(it.key(), it.value());
    return Settings::load(m_program, QStringList{u"vigil-test"_s} + flags, environment);
}

QString tst_Settings::writeEnvFile(const QByteArray &content)
{
    const QString path = m_dir.filePath(u"test%1.env"_s.arg(++m_files));
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
        flags << u"--env-file"_s << writeEnvFile("MQTT_PORT=1001\n");
    if (withEnv)
        env.insert(u"MQTT_PORT"_s, u"1002"_s);
    if (withFlag)
        flags << u"--mqtt-port"_s << u"1003"_s;

    const Settings::LoadResult result = load(flags, env);
    QVERIFY2(result.settings, qPrintable(result.output));
    QCOMPARE(result.settings->integer(u"MQTT_PORT"_s), port.toLongLong());
    QVERIFY2(result.settings->origin(u"MQTT_PORT"_s).contains(origin),
             qPrintable(result.settings->origin(u"MQTT_PORT"_s)));
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
    const Settings::LoadResult result = load({u"--env-file"_s, path});
    QVERIFY2(result.settings, qPrintable(result.output));
    QCOMPARE(result.settings->text(u"MQTT_BROKER"_s), u"mqtt-broker"_s);
    QCOMPARE(result.settings->text(u"SENSOR_KIND"_s), u"pressure"_s);
    QCOMPARE(result.settings->url(u"BACKEND_URL"_s).port(), 8443);
    QCOMPARE(result.settings->list(u"MQTT_TOPICS"_s), (QStringList{u"a/#"_s, u"b/#"_s}));
    QCOMPARE(result.settings->origin(u"MQTT_BROKER"_s), path + u":3"_s);

    const Settings::LoadResult bad = load({u"--env-file"_s, writeEnvFile("oops\n")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.output.endsWith(u":1: expected KEY=VALUE"), qPrintable(bad.output));
}

void tst_Settings::missingEnvFileIsBad()
{
    const Settings::LoadResult result = load({u"--env-file"_s, m_dir.filePath(u"none.env"_s)});
    QVERIFY(!result.settings);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.output.startsWith(u"error: --env-file "), qPrintable(result.output));
    QVERIFY(!result.output.contains(u'\n'));
}

void tst_Settings::helpListsEverySetting()
{
    const Settings::LoadResult result = load({u"--help"_s});
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
    const Settings::LoadResult result = load({u"--version"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.output, u"vigil-test "_s + QStringLiteral(VIGIL_VERSION));
}

void tst_Settings::switchFlag()
{
    const Settings::LoadResult off = load({});
    QVERIFY(!off.settings->boolean(u"VIGIL_FULLSCREEN"_s));
    const Settings::LoadResult on = load({u"--fullscreen"_s});
    QVERIFY2(on.settings, qPrintable(on.output));
    QVERIFY(on.settings->boolean(u"VIGIL_FULLSCREEN"_s));
    const Settings::LoadResult fromEnv = load({}, {{u"VIGIL_FULLSCREEN"_s, u"yes"_s}});
    QVERIFY(fromEnv.settings->boolean(u"VIGIL_FULLSCREEN"_s));
}

void tst_Settings::listsAndErrorLine()
{
    const Settings::LoadResult result = load({u"--mqtt-password"_s, u"hunter2"_s});
    QVERIFY(result.settings);
    QVERIFY(result.settings->isSet(u"BACKEND_URL"_s));
    QCOMPARE(result.settings->errorLine(u"MQTT_PASSWORD"_s, u"refused"_s),
             u"error: MQTT_PASSWORD=<hidden> (from flag --mqtt-password): refused"_s);
    QCOMPARE(result.settings->errorLine(u"MQTT_PORT"_s, u"in use"_s),
             u"error: MQTT_PORT=1883 (from default): in use"_s);
}

void tst_Settings::loadConfig_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<bool>("runs");      // a config to run with
    QTest::addColumn<int>("exitCode");   // else the exit code
    QTest::addColumn<QString>("output"); // and the start of what report() prints
    QTest::addColumn<bool>("read");      // whether the program's reader ran

    QTest::addRow("config") << QStringList{u"--mqtt-port"_s, u"1884"_s} << true << 0 << QString()
                            << true;
    QTest::addRow("help") << QStringList{u"--help"_s} << false << 0 << u"Usage: vigil-test"_s
                          << false;
    QTest::addRow("version") << QStringList{u"--version"_s} << false << 0 << u"vigil-test "_s
                             << false;
    QTest::addRow("bad value: the table's error, no read")
        << QStringList{u"--mqtt-port"_s, u"0"_s} << false << 2
        << u"error: MQTT_PORT=0 (from flag --mqtt-port): expected a whole number"_s << false;
    QTest::addRow("refused by the reader: its error line")
        << QStringList{u"--mqtt-broker"_s, u"refused"_s} << false << 2
        << u"error: MQTT_BROKER=refused (from flag --mqtt-broker): refused by the program"_s
        << true;
}

void tst_Settings::loadConfig()
{
    QFETCH(QStringList, flags);
    QFETCH(bool, runs);
    QFETCH(int, exitCode);
    QFETCH(QString, output);
    QFETCH(bool, read);

    g_reads = 0;
    const auto loaded = Settings::loadConfig(m_program, QStringList{u"vigil-test"_s} + flags,
                                             &readTestConfig, QProcessEnvironment());
    QCOMPARE(g_reads, read ? 1 : 0);
    QCOMPARE(bool(loaded.config), runs);
    if (runs) {
        QCOMPARE(loaded.config->port, quint16(1884));
        QCOMPARE(loaded.config->broker, u"localhost"_s);
        QVERIFY(loaded.output.isEmpty());
        // The values stay beside the config, for the error lines of later problems.
        QVERIFY(loaded.settings);
        QCOMPARE(loaded.settings->origin(u"MQTT_PORT"_s), u"flag --mqtt-port"_s);
        return;
    }
    QCOMPARE(loaded.exitCode, exitCode);
    QVERIFY2(loaded.output.startsWith(output), qPrintable(loaded.output));
    if (exitCode != 0)
        QVERIFY(!loaded.output.contains(u'\n'));
}

void tst_Settings::secretReadFromFile_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QByteArray>("content");
    QTest::addRow("flag, trailing newline") << u"flag"_s << QByteArray("hunter22\n");
    QTest::addRow("environment, CRLF") << u"environment"_s << QByteArray("hunter22\r\n");
    QTest::addRow("env file, no newline") << u"env file"_s << QByteArray("hunter22");
}

void tst_Settings::secretReadFromFile()
{
    QFETCH(QString, source);
    QFETCH(QByteArray, content);
    const QString secret = writeEnvFile(content);
    QStringList flags;
    QHash<QString, QString> env;
    if (source == u"flag")
        flags << u"--mqtt-password-file"_s << secret;
    else if (source == u"environment")
        env.insert(u"MQTT_PASSWORD_FILE"_s, secret);
    else
        flags << u"--env-file"_s << writeEnvFile("MQTT_PASSWORD_FILE=" + secret.toUtf8() + '\n');

    const Settings::LoadResult result = load(flags, env);
    QVERIFY2(result.settings, qPrintable(result.output));
    QCOMPARE(result.settings->text(u"MQTT_PASSWORD"_s), u"hunter22"_s);
    QCOMPARE(result.settings->origin(u"MQTT_PASSWORD"_s), u"file "_s + secret);
    QVERIFY(result.settings->warnings().isEmpty());
    // An empty NAME beside NAME_FILE is "not set" (compose files pass ${NAME:-} through).
    env.insert(u"MQTT_PASSWORD"_s, QString());
    QVERIFY2(load(flags, env).settings, qPrintable(load(flags, env).output));
}

void tst_Settings::secretFileProblemsAreOneLine_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QStringList>("env"); // NAME=VALUE
    QTest::addColumn<QString>("message"); // a regular expression
    const QString missing = m_dir.filePath(u"missing.secret"_s);
    const QString good = writeEnvFile("hunter22\n");

    QTest::addRow("missing file")
        << QStringList{} << QStringList{u"MQTT_PASSWORD_FILE="_s + missing}
        << u"^error: MQTT_PASSWORD_FILE=%1 \\(from environment\\): cannot read it \\(.+\\)$"_s.arg(
               QRegularExpression::escape(missing));
    QTest::addRow("a folder")
        << QStringList{u"--mqtt-password-file"_s, m_dir.path()} << QStringList{}
        << u"^error: MQTT_PASSWORD_FILE=%1 \\(from flag --mqtt-password-file\\): cannot read it"_s
               .arg(QRegularExpression::escape(m_dir.path()));
    QTest::addRow("empty file")
        << QStringList{u"--mqtt-password-file"_s, writeEnvFile("\n")} << QStringList{}
        << u"^error: MQTT_PASSWORD_FILE=\\S+ \\(from flag --mqtt-password-file\\): the file is "
           "empty$"_s;
    QTest::addRow("too large")
        << QStringList{u"--mqtt-password-file"_s, writeEnvFile(QByteArray(100000, 'h'))}
        << QStringList{}
        << u"^error: MQTT_PASSWORD_FILE=\\S+ \\(from flag --mqtt-password-file\\): it is larger "
           "than 65536 bytes, too large for a secret$"_s;
    QTest::addRow("both set")
        << QStringList{u"--mqtt-password-file"_s, good} << QStringList{u"MQTT_PASSWORD=hunter22"_s}
        << u"^error: MQTT_PASSWORD \\(from environment\\) and MQTT_PASSWORD_FILE \\(from flag "
           "--mqtt-password-file\\) are both set: set only one$"_s;
    QTest::addRow("both set, the value as a flag")
        << QStringList{u"--mqtt-password"_s, u"hunter22"_s}
        << QStringList{u"MQTT_PASSWORD_FILE="_s + good}
        << u"^error: MQTT_PASSWORD \\(from flag --mqtt-password\\) and MQTT_PASSWORD_FILE \\(from "
           "environment\\) are both set: set only one$"_s;
}

void tst_Settings::secretFileProblemsAreOneLine()
{
    QFETCH(QStringList, flags);
    QFETCH(QStringList, env);
    QFETCH(QString, message);
    QHash<QString, QString> environment;
    for (const QString &entry : std::as_const(env))
        environment.insert(entry.section(u'=', 0, 0), entry.section(u'=', 1));

    const Settings::LoadResult result = load(flags, environment);
    QVERIFY(!result.settings);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(QRegularExpression(message).match(result.output).hasMatch(),
             qPrintable(result.output));
    QVERIFY(!result.output.contains(u"hunter22"_s));
}

void tst_Settings::secretFromFileIsCheckedAndHidden()
{
    const QString secret = writeEnvFile("abc\n"); // the table wants at least 4 characters
    const Settings::LoadResult result = load({u"--mqtt-password-file"_s, secret});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.output, u"error: MQTT_PASSWORD=<hidden> (from file %1): expected at least 4 "
                            "characters"_s.arg(secret));
}

void tst_Settings::secretAsFlagWarnsOfTheProcessList()
{
    const Settings::LoadResult flag = load({u"--mqtt-password"_s, u"hunter22"_s});
    QVERIFY2(flag.settings, qPrintable(flag.output));
    QCOMPARE(flag.settings->text(u"MQTT_PASSWORD"_s), u"hunter22"_s); // it still works
    const QStringList warnings = flag.settings->warnings();
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.constFirst().contains(u"process list"_s), qPrintable(warnings.constFirst()));
    QVERIFY(warnings.constFirst().contains(u"MQTT_PASSWORD_FILE"_s));
    QVERIFY(!warnings.constFirst().contains(u"hunter22"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^MQTT_PASSWORD was given as a flag"_s));
    flag.settings->logWarnings();

    // Nobody else sees the environment or a file: no warning.
    QVERIFY(load({}, {{u"MQTT_PASSWORD"_s, u"hunter22"_s}}).settings->warnings().isEmpty());
    // A non-secret flag is no news.
    QVERIFY(load({u"--mqtt-port"_s, u"1884"_s}).settings->warnings().isEmpty());
}

void tst_Settings::helpListsTheFileVariants()
{
    const Settings::LoadResult result = load({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.output.contains(u"--mqtt-password-file <path>"_s));
    QVERIFY(result.output.contains(u"  MQTT_PASSWORD_FILE   = (unset)"_s));
    QVERIFY(result.output.contains(u"NAME_FILE"_s));
    // Only secrets have one.
    QVERIFY(!result.output.contains(u"MQTT_PORT_FILE"_s));
    QVERIFY(!result.output.contains(u"--mqtt-port-file"_s));
}

QTEST_GUILESS_MAIN(tst_Settings)
#include "tst_settings.moc"

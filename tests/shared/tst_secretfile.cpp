// SecretFile through the real programs: a secret in NAME_FILE is used as if it were NAME (the
// real vigil-server guarding its API with API_TOKENS_FILE), never shows in the log, and every
// program's --help offers the _FILE variant of each of its secrets; a secret given as a flag
// still works but says that the process list shows it.

#include "programprocess.h"
#include "secretfile.h"
#include "serverprocess.h"

#include "httptestclient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr auto Token = "tok-5ecret-from-a-file";

} // namespace

class tst_SecretFile : public QObject
{
    Q_OBJECT

private:
    QString writeSecret(const QByteArray &content);
    QTemporaryDir m_dir;
    int m_files = 0;

private Q_SLOTS:
    void initTestCase();
    void contentWithoutItsNewline();
    void serverTokensFromAFile();
    void serverTokenAsAFlagWarns();
    void unreadableTokenFileIsOneErrorLine();
    void everyProgramOffersItsSecretFiles_data();
    void everyProgramOffersItsSecretFiles();
};

QString tst_SecretFile::writeSecret(const QByteArray &content)
{
    const QString path = m_dir.filePath(u"secret%1"_s.arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

void tst_SecretFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_SecretFile::contentWithoutItsNewline()
{
    QString error;
    QCOMPARE(SecretFile::read(writeSecret("a b\n"), &error), u"a b"_s);
    QCOMPARE(SecretFile::read(writeSecret("a\n\n"), &error), u"a\n"_s); // only one is dropped
    QCOMPARE(SecretFile::read(writeSecret(QByteArray(SecretFile::MaxBytes, 'x')), &error)->size(),
             SecretFile::MaxBytes);
    QVERIFY(!SecretFile::read(writeSecret(QByteArray(SecretFile::MaxBytes + 1, 'x')), &error));
    QVERIFY(!SecretFile::read(m_dir.filePath(u"none"_s), &error));
    QVERIFY2(error.startsWith(u"cannot read it ("_s), qPrintable(error));
}

void tst_SecretFile::serverTokensFromAFile()
{
    QProcessEnvironment env;
    env.insert(u"API_TOKENS_FILE"_s, writeSecret(Token + QByteArray(",other-token\n")));
    ServerProcess server({}, env);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    HttpTestClient anonymous(server.url());
    QCOMPARE(anonymous.get(u"/api/events"_s).status, 401);
    HttpTestClient wrong(server.url(), u"not-the-token"_s);
    QCOMPARE(wrong.get(u"/api/events"_s).status, 401);
    HttpTestClient holder(server.url(), QString::fromLatin1(Token));
    QCOMPARE(holder.get(u"/api/events"_s).status, 200);
    HttpTestClient second(server.url(), u"other-token"_s);
    QCOMPARE(second.get(u"/api/events"_s).status, 200);

    QCOMPARE(server.stop(), 0);
    QVERIFY2(!server.log().contains(QLatin1String(Token)), qPrintable(server.log()));
    QVERIFY2(!server.log().contains(u"process list"_s), qPrintable(server.log()));
}

void tst_SecretFile::serverTokenAsAFlagWarns()
{
    ServerProcess server({u"--api-tokens"_s, QString::fromLatin1(Token)});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient holder(server.url(), QString::fromLatin1(Token));
    QCOMPARE(holder.get(u"/api/events"_s).status, 200); // it still works
    QCOMPARE(server.stop(), 0);
    const QString log = server.log();
    QCOMPARE(log.count(u"process list"_s), 1);
    QVERIFY2(
        log.contains(u"warning: [vigil.settings] API_TOKENS was given as a flag --api-tokens"_s),
        qPrintable(log));
    QVERIFY2(log.contains(u"API_TOKENS_FILE"_s), qPrintable(log));
    QVERIFY2(!log.contains(QLatin1String(Token)), qPrintable(log));
}

void tst_SecretFile::unreadableTokenFileIsOneErrorLine()
{
    const QString missing = m_dir.filePath(u"no-such-tokens"_s);
    ProgramProcess server(u"vigil-server"_s, {u"--port"_s, u"0"_s});
    server.setEnv(u"API_TOKENS_FILE"_s, missing);
    QVERIFY(server.start());
    QCOMPARE(server.waitForExit(), 2);
    QCOMPARE(server.log(),
             u"error: API_TOKENS_FILE=%1 (from environment): cannot read it (No such file or "
             "directory)\n"_s.arg(missing));

    ProgramProcess both(u"vigil-server"_s, {u"--port"_s, u"0"_s, u"--api-tokens"_s, u"x"_s});
    both.setEnv(u"API_TOKENS_FILE"_s, writeSecret(Token));
    QVERIFY(both.start());
    QCOMPARE(both.waitForExit(), 2);
    QCOMPARE(both.log(), u"error: API_TOKENS (from flag --api-tokens) and API_TOKENS_FILE (from "
                         "environment) are both set: set only one\n"_s);
}

void tst_SecretFile::everyProgramOffersItsSecretFiles_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("files");
    QTest::addRow("agent") << u"vigil-agent"_s
                           << QStringList{u"MQTT_PASSWORD_FILE"_s, u"--mqtt-password-file"_s};
    QTest::addRow("bridge") << u"vigil-bridge"_s
                            << QStringList{u"MQTT_PASSWORD_FILE"_s, u"--mqtt-password-file"_s,
                                           u"BACKEND_TOKEN_FILE"_s, u"--backend-token-file"_s};
    QTest::addRow("server") << u"vigil-server"_s
                            << QStringList{u"API_TOKENS_FILE"_s, u"--api-tokens-file"_s};
    QTest::addRow("dashboard") << u"vigil-dashboard"_s
                               << QStringList{u"VIGIL_TOKEN_FILE"_s, u"--token-file"_s};
}

void tst_SecretFile::everyProgramOffersItsSecretFiles()
{
    QFETCH(QString, program);
    QFETCH(QStringList, files);
    QString output;
    QCOMPARE(ProgramProcess::run(program, {u"--help"_s}, &output), 0);
    for (const QString &name : std::as_const(files))
        QVERIFY2(output.contains(name), qPrintable(name + u" not in:\n"_s + output));
}

QTEST_GUILESS_MAIN(tst_SecretFile)
#include "tst_secretfile.moc"

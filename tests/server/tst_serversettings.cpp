// The server's settings table and its cross-setting checks, in-process: defaults, the TLS pair,
// auth beyond loopback; and AuthGuard's token matching.
#include "authguard.h"
#include "serversettings.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Settings::LoadResult load(const QStringList &flags, const QProcessEnvironment &env = {})
{
    return Settings::load(ServerSettings::program(), QStringList{u"vigil-server"_s} + flags, env);
}

} // namespace

class tst_ServerSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void crossChecks_data();
    void crossChecks();
    void databaseSync();
    void tokensNeverInErrors();
    void authGuardMatchesEveryTokenExactly();
};

void tst_ServerSettings::defaults()
{
    const auto result = load({});
    QVERIFY(result.settings);
    QString error;
    const auto config = ServerSettings::load(*result.settings, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->port, 8000);
    QCOMPARE(config->host, QHostAddress(u"127.0.0.1"_s));
    QCOMPARE(config->database, u"vigil.db"_s);
    QCOMPARE(config->databaseSync, SqliteEventStore::Sync::Normal);
    QVERIFY(config->apiTokens.isEmpty());
    QCOMPARE(config->maxBody, 1048576);
    QCOMPARE(config->alertTypes, (QStringList{u"motion_detected"_s, u"button_pressed"_s}));
    QCOMPARE(config->wsMaxBuffer, 4 * 1024 * 1024);
    QCOMPARE(config->wsPingIntervalMs, 30000);
}

void tst_ServerSettings::crossChecks_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::addRow("loopback v6") << QStringList{u"--host"_s, u"::1"_s} << QString();
    QTest::addRow("any address, no tokens")
        << QStringList{u"--host"_s, u"0.0.0.0"_s} << u"HOST=0.0.0.0"_s;
    QTest::addRow("any address, tokens")
        << QStringList{u"--host"_s, u"0.0.0.0"_s, u"--api-tokens"_s, u"t"_s} << QString();
    QTest::addRow("any address, ALLOW_NO_AUTH")
        << QStringList{u"--host"_s, u"::"_s, u"--allow-no-auth"_s, u"1"_s} << QString();
    QTest::addRow("cert without key") << QStringList{u"--tls-cert"_s, u"c.pem"_s} << u"TLS_CERT"_s;
    QTest::addRow("key without cert") << QStringList{u"--tls-key"_s, u"k.pem"_s} << u"TLS_KEY"_s;
    QTest::addRow("cert and key") << QStringList{u"--tls-cert"_s, u"c.pem"_s, u"--tls-key"_s,
                                                 u"k.pem"_s}
                                  << QString();
}

void tst_ServerSettings::crossChecks()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, error);
    const auto result = load(flags);
    QVERIFY2(result.settings, qPrintable(result.output));
    QString problem;
    const auto config = ServerSettings::load(*result.settings, &problem);
    if (error.isEmpty()) {
        QVERIFY2(config, qPrintable(problem));
    } else {
        QVERIFY(!config);
        QVERIFY2(problem.startsWith(u"error: "_s + error), qPrintable(problem));
        QVERIFY(!problem.contains(u'\n'));
    }
}

void tst_ServerSettings::databaseSync()
{
    const auto full = load({u"--database-sync"_s, u"full"_s});
    QVERIFY2(full.settings, qPrintable(full.output));
    QString problem;
    const auto config = ServerSettings::load(*full.settings, &problem);
    QVERIFY2(config, qPrintable(problem));
    QCOMPARE(config->databaseSync, SqliteEventStore::Sync::Full);

    const auto wrong = load({u"--database-sync"_s, u"sometimes"_s});
    QVERIFY(!wrong.settings);
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.output.contains(u"DATABASE_SYNC=sometimes"_s), qPrintable(wrong.output));
}

void tst_ServerSettings::tokensNeverInErrors()
{
    QProcessEnvironment env;
    env.insert(u"API_TOKENS"_s, u"very-secret"_s);
    env.insert(u"TLS_KEY"_s, u"k.pem"_s);
    const auto result = load({}, env);
    QVERIFY(result.settings);
    QString problem;
    QVERIFY(!ServerSettings::load(*result.settings, &problem));
    QVERIFY(!problem.contains(u"very-secret"));
    QCOMPARE(result.settings->errorLine(u"API_TOKENS"_s, u"x"_s).contains(u"very-secret"), false);
}

void tst_ServerSettings::authGuardMatchesEveryTokenExactly()
{
    const AuthGuard off({});
    QVERIFY(!off.enabled());
    const AuthGuard guard({u"alpha-token"_s, u"beta"_s});
    QVERIFY(guard.enabled());
    QVERIFY(guard.matches("alpha-token"));
    QVERIFY(guard.matches("beta"));
    QVERIFY(!guard.matches("alpha-toke"));
    QVERIFY(!guard.matches("alpha-tokenX"));
    QVERIFY(!guard.matches("Beta"));
    QVERIFY(!guard.matches(""));
}

QTEST_GUILESS_MAIN(tst_ServerSettings)
#include "tst_serversettings.moc"

// vigil-server as a program: refuses bad settings with one line and status 2, refuses to listen
// beyond loopback without tokens, fails with status 1 on a taken port, exits 0 on SIGTERM, and
// serves HTTPS and WSS with a certificate made here by openssl.
#include "feedclient.h"
#include "guidepayloads.h"
#include "httptestclient.h"
#include "programprocess.h"
#include "serverprocess.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray stderrText;
};

Run runServer(const QStringList &args, const QProcessEnvironment &extra = {})
{
    ProgramProcess server(u"vigil-server"_s, args, extra);
    if (!server.start())
        return {};
    const int exitCode = server.waitForExit(10000);
    if (server.isRunning())
        return {};
    return {exitCode, server.errorOutput()};
}

} // namespace

class tst_ServerProgram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badSettingExits2_data();
    void badSettingExits2();
    void takenPortExits1();
    void sigtermExits0();
    void servesHttpsAndWss();

private:
    QTemporaryDir m_dir;
};

void tst_ServerProgram::badSettingExits2_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    const QString db = m_dir.filePath(u"bad.db"_s);
    QTest::addRow("port out of range") << QStringList{u"--port"_s, u"70000"_s} << u"PORT"_s;
    QTest::addRow("max body not a number")
        << QStringList{u"--max-body"_s, u"big"_s} << u"MAX_BODY"_s;
    QTest::addRow("host not an address") << QStringList{u"--host"_s, u"somewhere"_s} << u"HOST"_s;
    QTest::addRow("alert types upper case")
        << QStringList{u"--alert-types"_s, u"MOTION"_s} << u"ALERT_TYPES"_s;
    QTest::addRow("TLS_CERT without TLS_KEY")
        << QStringList{u"--tls-cert"_s, m_dir.filePath(u"cert.pem"_s), u"--database"_s, db}
        << u"TLS_CERT"_s;
    QTest::addRow("non-loopback without tokens")
        << QStringList{u"--host"_s, u"0.0.0.0"_s, u"--database"_s, db} << u"HOST"_s;
    QTest::addRow("database folder missing")
        << QStringList{u"--database"_s, m_dir.filePath(u"no/such/folder/v.db"_s)} << u"DATABASE"_s;
    QTest::addRow("unreadable certificate")
        << QStringList{u"--tls-cert"_s, m_dir.filePath(u"none.pem"_s),
                       u"--tls-key"_s,  m_dir.filePath(u"none.key"_s),
                       u"--database"_s, db,
                       u"--port"_s,     u"0"_s}
        << u"TLS_CERT"_s;
    QTest::addRow("unknown flag") << QStringList{u"--frobnicate"_s} << u"frobnicate"_s;
}

void tst_ServerProgram::badSettingExits2()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const Run run = runServer(args);
    QCOMPARE(run.exitCode, 2);
    const QByteArray text = run.stderrText.trimmed();
    QVERIFY2(!text.contains('\n'), text.constData()); // one line
    QVERIFY2(text.startsWith("error:"), text.constData());
    QVERIFY2(text.contains(named.toUtf8()), text.constData());
}

void tst_ServerProgram::takenPortExits1()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    const Run run = runServer({u"--port"_s, QString::number(taken.serverPort()), u"--database"_s,
                               m_dir.filePath(u"taken.db"_s)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.stderrText.contains(QByteArray::number(taken.serverPort())),
             run.stderrText.constData());
}

void tst_ServerProgram::sigtermExits0()
{
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    FeedClient client;
    client.open(QUrl(u"ws://127.0.0.1:%1/ws"_s.arg(server.port())));
    QTRY_COMPARE(client.messages().size(), 1);
    server.stop();
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
    QTRY_VERIFY(client.wasClosed());
    QCOMPARE(client.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QVERIFY(server.output().contains("database closed"));
}

void tst_ServerProgram::servesHttpsAndWss()
{
    const QString cert = m_dir.filePath(u"tls-cert.pem"_s);
    const QString key = m_dir.filePath(u"tls-key.pem"_s);
    QString output;
    QVERIFY2(
        ProgramProcess::run(u"openssl"_s,
                            {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                             u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
                             u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s, key, u"-out"_s, cert},
                            &output) == 0,
        qPrintable(output));
    QFile certFile(cert);
    QVERIFY(certFile.open(QIODevice::ReadOnly));
    const QList<QSslCertificate> trusted = QSslCertificate::fromData(certFile.readAll());

    ServerProcess server({u"--tls-cert"_s, cert, u"--tls-key"_s, key});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.url().scheme(), u"https"_s);
    HttpTestClient https(server.url());
    https.setCaCertificates(trusted);
    const auto posted =
        https.post(u"/api/events"_s, GuidePayloads::bytes(GuidePayloads::guideExample()));
    QCOMPARE(posted.status, 201);
    QCOMPARE(https.get(u"/api/events"_s).json().array().size(), 1);

    FeedClient wss;
    wss.open(QUrl(u"wss://127.0.0.1:%1/ws"_s.arg(server.port())), trusted);
    QTRY_COMPARE(wss.messagesOfKind(u"hello"_s).size(), 1);
    QCOMPARE(https.post(u"/api/events"_s, GuidePayloads::bytes(GuidePayloads::make(u"m"_s, u"d"_s)))
                 .status,
             201);
    QTRY_COMPARE(wss.eventIds().size(), 1);

    // plain HTTP to the TLS port gets nothing useful
    HttpTestClient plain(QUrl(u"http://127.0.0.1:%1"_s.arg(server.port())));
    QVERIFY(plain.get(u"/api/events"_s).status != 200);
}

QTEST_GUILESS_MAIN(tst_ServerProgram)
#include "tst_serverprogram.moc"

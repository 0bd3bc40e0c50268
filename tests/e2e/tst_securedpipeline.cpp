// The deployed configuration's security, end to end on the real programs:
// - MQTT with authentication (a password file, anonymous refused): the agent and the bridge log
//   in and an edge still reaches the server;
// - the server with API_TOKENS: a bridge with a wrong BACKEND_TOKEN gets 401, stores nothing and
//   keeps every event queued; restarted with the right token it delivers them all, once;
// - HTTPS to the backend with a certificate from a private CA (BACKEND_CAFILE), made with the
//   openssl commands of docs/deploy.md.

#include "vigilpipeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString RightToken = u"0f1e2d3c4b5a69788796a5b4c3d2e1f0"_s;
const QString BrowserToken = u"browser-token-for-the-test"_s;

// Runs openssl as docs/deploy.md tells the user to; true when it succeeded.
bool openssl(const QString &dir, const QStringList &arguments, QString *output)
{
    return ProgramProcess::run(u"openssl"_s, arguments, output, {.workingDirectory = dir}) == 0;
}

// vigil_http_requests_total{code="401"} from /metrics, 0 when absent.
int unauthorizedRequests(HttpTestClient &api)
{
    static const QRegularExpression line(
        u"^vigil_http_requests_total\\{[^}]*code=\"401\"[^}]*\\}\\s+([0-9.e+]+)$"_s,
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match =
        line.match(QString::fromUtf8(api.get(u"/metrics"_s).body));
    return match.hasMatch() ? int(match.captured(1).toDouble()) : 0;
}

} // namespace

class tst_SecuredPipeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mqttAuthenticationEndToEnd();
    void wrongBackendTokenKeepsEventsQueued();
    void httpsWithPrivateCa();
};

void tst_SecuredPipeline::mqttAuthenticationEndToEnd()
{
    VigilPipeline::Options options;
    options.broker.username = u"vigil"_s;
    options.broker.password = u"pa55 w0rd:with#odd=chars"_s;
    VigilPipeline pipeline(options);
    QString error;
    QVERIFY2(pipeline.start(&error), qPrintable(error));

    // The broker really refuses anonymous clients.
    const int anonymous = ProgramProcess::run(
        u"mosquitto_pub"_s,
        {u"-h"_s, pipeline.broker().host(), u"-p"_s, QString::number(pipeline.broker().port()),
         u"-t"_s, u"sensor/motion"_s, u"-m"_s, u"{\"type\": \"MOTION_DETECTED\"}"_s},
        nullptr, {.timeoutMs = 15000});
    QVERIFY(anonymous > 0);

    std::unique_ptr<ProgramProcess> agent = pipeline.startAgent(u"pressure"_s, u"e2e-pi"_s, &error);
    QVERIFY2(agent, qPrintable(error));
    agent->writeLine("1");
    QTest::qWait(300); // a press has a duration: the mat is held this long (not a sync point)
    agent->writeLine("0");

    HttpTestClient &api = pipeline.api();
    QTRY_COMPARE_WITH_TIMEOUT(api.get(u"/api/events?type=button_pressed"_s).json().array().size(),
                              1, 15000);
    const QJsonObject event =
        api.get(u"/api/events?type=button_pressed"_s).json().array().first().toObject();
    const QJsonObject data = event.value(u"details"_s)[u"data"_s].toObject();
    QCOMPARE(data.value(u"pressure"_s), u"high"_s);
    QCOMPARE(data.value(u"gpio_pin"_s), 27);
    QVERIFY2(data.value(u"duration_ms"_s).toInt() >= 250, qPrintable(agent->log()));
    // Secrets never in logs.
    QVERIFY(!agent->log().contains(options.broker.password));
    QVERIFY(!pipeline.bridge().log().contains(options.broker.password));
    QCOMPARE(agent->stop(), 0);
}

void tst_SecuredPipeline::wrongBackendTokenKeepsEventsQueued()
{
    constexpr int Count = 3;
    VigilPipeline::Options options;
    options.serverArguments = {u"--api-tokens"_s, RightToken + u',' + BrowserToken};
    options.bridgeToken = u"wrong-token"_s;
    options.clientToken = BrowserToken;
    VigilPipeline pipeline(options);
    QString error;
    QVERIFY2(pipeline.start(&error), qPrintable(error));
    HttpTestClient &api = pipeline.api();
    QCOMPARE(api.get(u"/api/events"_s).status, 200);
    QCOMPARE(HttpTestClient(pipeline.server().url()).get(u"/api/events"_s).status, 401);

    const int refusedBefore = unauthorizedRequests(api);
    for (int i = 0; i < Count; ++i) {
        const QByteArray payload = R"({"event_id": "tok-)" + QByteArray::number(i) +
                                   R"(", "type": "MOTION_DETECTED", "device_id": "raspberry-1"})";
        QVERIFY2(MosquittoBroker::publishWithMosquittoPub(pipeline.broker(), u"sensor/motion"_s,
                                                          payload, 1, false, &error),
                 qPrintable(error));
    }
    // The bridge tried and was refused; nothing was stored.
    QTRY_VERIFY_WITH_TIMEOUT(unauthorizedRequests(api) > refusedBefore, 15000);
    QCOMPARE(api.events().size(), 0);
    QVERIFY2(pipeline.bridge().waitForLog(u"backend refused BACKEND_TOKEN"_s),
             qPrintable(pipeline.bridge().log()));
    QVERIFY(!pipeline.bridge().log().contains(u"wrong-token"_s));
    QCOMPARE(pipeline.stopBridge(), 0);

    // The same outbox and MQTT session, the right token: everything arrives, once.
    QVERIFY2(pipeline.startBridge(&error, RightToken), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(api.events().size(), Count, 30000);
    for (int i = 0; i < Count; ++i)
        QCOMPARE(api.eventsWithId(u"tok-%1"_s.arg(i)).size(), 1);
    QVERIFY(!pipeline.bridge().log().contains(RightToken));
}

void tst_SecuredPipeline::httpsWithPrivateCa()
{
    QTemporaryDir tls;
    QVERIFY(tls.isValid());
    const QString dir = tls.path();
    QString output;
    QVERIFY2(openssl(dir,
                     {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                      u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-days"_s, u"3650"_s, u"-subj"_s,
                      u"/CN=Vigil private CA"_s, u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.crt"_s},
                     &output),
             qPrintable(output));
    QVERIFY2(openssl(dir,
                     {u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                      u"-nodes"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-keyout"_s, u"server.key"_s,
                      u"-out"_s, u"server.csr"_s},
                     &output),
             qPrintable(output));
    {
        QFile extensions(tls.filePath(u"server.ext"_s));
        QVERIFY(extensions.open(QIODevice::WriteOnly));
        extensions.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    }
    QVERIFY2(openssl(dir,
                     {u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.crt"_s,
                      u"-CAkey"_s, u"ca.key"_s, u"-CAcreateserial"_s, u"-days"_s, u"825"_s,
                      u"-extfile"_s, u"server.ext"_s, u"-out"_s, u"server.crt"_s},
                     &output),
             qPrintable(output));

    VigilPipeline::Options options;
    options.serverArguments = {u"--tls-cert"_s, tls.filePath(u"server.crt"_s), u"--tls-key"_s,
                               tls.filePath(u"server.key"_s)};
    options.backendCaFile = tls.filePath(u"ca.crt"_s);
    VigilPipeline pipeline(options);
    QString error;
    QVERIFY2(pipeline.start(&error), qPrintable(error));
    QCOMPARE(pipeline.server().url().scheme(), u"https"_s);

    const QByteArray payload = R"({"event_id": "tls-1", "type": "MOTION_DETECTED"})";
    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(pipeline.broker(), u"sensor/motion"_s,
                                                      payload, 1, false, &error),
             qPrintable(error));
    HttpTestClient &api = pipeline.api();
    QTRY_COMPARE_WITH_TIMEOUT(api.eventsWithId(u"tls-1"_s).size(), 1, 15000);
}

QTEST_GUILESS_MAIN(tst_SecuredPipeline)
#include "tst_securedpipeline.moc"

// The deployed configuration's security, end to end on the real programs:
// - MQTT with authentication (a password file, anonymous refused): the agent and the bridge log
//   in and an edge still reaches the server;
// - the server with API_TOKENS: a bridge with a wrong BACKEND_TOKEN gets 401, stores nothing and
//   keeps every event queued; restarted with the right token it delivers them all, once.

#include "vigilpipeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString RightToken = u"0f1e2d3c4b5a69788796a5b4c3d2e1f0"_s;
const QString BrowserToken = u"browser-token-for-the-test"_s;

// vigil_http_requests_total{code="401"} from /metrics, 0 when absent.
int unauthorizedRequests(TestApi &api)
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
    QProcess anonymous;
    anonymous.start(u"mosquitto_pub"_s,
                    {u"-h"_s, pipeline.broker().host(), u"-p"_s,
                     QString::number(pipeline.broker().port()), u"-t"_s, u"sensor/motion"_s,
                     u"-m"_s, u"{\"type\": \"MOTION_DETECTED\"}"_s});
    QVERIFY(anonymous.waitForFinished(15000));
    QVERIFY(anonymous.exitCode() != 0);

    std::unique_ptr<VigilProcess> agent = pipeline.startAgent(u"pressure"_s, u"e2e-pi"_s, &error);
    QVERIFY2(agent, qPrintable(error));
    agent->writeLine("1");
    QTest::qWait(300); // a press has a duration: the mat is held this long (not a sync point)
    agent->writeLine("0");

    TestApi &api = pipeline.api();
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
    TestApi &api = pipeline.api();
    QCOMPARE(api.get(u"/api/events"_s).status, 200);
    QCOMPARE(TestApi(pipeline.server().url()).get(u"/api/events"_s).status, 401);

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
    QVERIFY(!pipeline.bridge().log().contains(u"wrong-token"_s));
    QCOMPARE(pipeline.stopBridge(), 0);

    // The same outbox and MQTT session, the right token: everything arrives, once.
    QVERIFY2(pipeline.startBridge(&error, RightToken), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(api.events().size(), Count, 30000);
    for (int i = 0; i < Count; ++i)
        QCOMPARE(api.eventsWithId(u"tok-%1"_s.arg(i)).size(), 1);
    QVERIFY(!pipeline.bridge().log().contains(RightToken));
}

QTEST_GUILESS_MAIN(tst_SecuredPipeline)
#include "tst_securedpipeline.moc"

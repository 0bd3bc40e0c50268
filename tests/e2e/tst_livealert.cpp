// A sensor edge becomes an alert on a browser's WebSocket, end to end through every real part:
// vigil-agent (SIMULATE=stdin: a "1" line is the PIR's rising edge) -> mosquitto -> vigil-bridge
// -> vigil-server -> /ws. Prints the latency seen from the edge to the alert (the target belongs
// to the benchmark; this test only proves the path and reports what it saw).

#include "feedclient.h"
#include "guidepayloads.h"
#include "vigilpipeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString DeviceId = u"e2e-pi"_s;

} // namespace

class tst_LiveAlert : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<VigilPipeline> m_pipeline;

private Q_SLOTS:
    void init();
    void cleanup();
    void motionEdgeInSurveillanceIsAnAlert();
    void motionEdgeInActiveModeIsNoAlert();
    void cleanAgentStopAnnouncesOfflineOnce();
};

void tst_LiveAlert::init()
{
    m_pipeline = std::make_unique<VigilPipeline>();
    QString error;
    QVERIFY2(m_pipeline->start(&error), qPrintable(error));
}

void tst_LiveAlert::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("%s", qPrintable(m_pipeline->diagnostics()));
    m_pipeline.reset();
}

void tst_LiveAlert::motionEdgeInSurveillanceIsAnAlert()
{
    constexpr int Edges = 5;
    HttpTestClient &api = m_pipeline->api();
    QCOMPARE(api.put(u"/api/mode"_s, R"({"mode": "surveillance"})").status, 200);

    FeedClient feed;
    feed.open(FeedClient::feedUrl(m_pipeline->server().url()));
    QTRY_VERIFY_WITH_TIMEOUT(!feed.messages().isEmpty(), 10000);
    QCOMPARE(feed.messages().first().value(u"kind"_s), u"hello"_s);
    QCOMPARE(feed.messages().first().value(u"mode"_s)[u"mode"_s], u"surveillance"_s);

    QString error;
    std::unique_ptr<ProgramProcess> agent = m_pipeline->startAgent(u"motion"_s, DeviceId, &error);
    QVERIFY2(agent, qPrintable(error));

    QList<double> latenciesMs;
    qsizetype seen = 0;
    for (int i = 0; i < Edges; ++i) {
        const qint64 edgeNs = feed.clock().nsecsElapsed();
        agent->writeLine("1");
        QTRY_VERIFY2_WITH_TIMEOUT(feed.findEvent(u"motion_detected"_s, seen) >= 0,
                                  qPrintable(agent->log()), 10000);
        seen = feed.findEvent(u"motion_detected"_s, seen);
        latenciesMs << double(feed.arrivedNs(seen) - edgeNs) / 1e6;
        const QJsonObject event = feed.messages().at(seen).value(u"event"_s).toObject();
        ++seen;
        QCOMPARE(event.value(u"alert"_s), QJsonValue(true));
        QCOMPARE(event.value(u"device_id"_s), DeviceId);
        const QJsonObject details = event.value(u"details"_s).toObject();
        QCOMPARE(details.value(u"source"_s), u"sensor-motion"_s);
        QCOMPARE(details.value(u"mqtt_topic"_s), u"sensor/motion"_s);
        QCOMPARE(details.value(u"data"_s).toObject(),
                 QJsonObject({{u"presence"_s, true}, {u"gpio_pin"_s, 17}}));
        // The PIR goes low again and stays low a while (longer than the agent's 30 ms debounce,
        // a physical duration, not a synchronisation), so the next rising edge counts at once.
        agent->writeLine("0");
        QTest::qWait(100);
    }

    std::sort(latenciesMs.begin(), latenciesMs.end());
    qInfo("edge -> WebSocket alert over agent, mosquitto, bridge, server: min %.1f ms, median "
          "%.1f ms, max %.1f ms (%d edges)",
          latenciesMs.first(), latenciesMs.at(latenciesMs.size() / 2), latenciesMs.last(), Edges);

    // The stored events say the same as the pushed ones.
    const QJsonArray stored = api.get(u"/api/events?type=motion_detected"_s).json().array();
    QCOMPARE(stored.size(), Edges);
    for (const QJsonValue &event : stored)
        QCOMPARE(event[u"alert"_s], QJsonValue(true));

    agent->closeInput(); // EOF ends the agent cleanly
    QCOMPARE(agent->waitForExit(), 0);
}

void tst_LiveAlert::motionEdgeInActiveModeIsNoAlert()
{
    FeedClient feed;
    feed.open(FeedClient::feedUrl(m_pipeline->server().url()));
    QTRY_VERIFY_WITH_TIMEOUT(!feed.messages().isEmpty(), 10000);
    QCOMPARE(feed.messages().first().value(u"mode"_s)[u"mode"_s], u"active"_s);

    QString error;
    std::unique_ptr<ProgramProcess> agent = m_pipeline->startAgent(u"motion"_s, DeviceId, &error);
    QVERIFY2(agent, qPrintable(error));
    agent->writeLine("1");
    QTRY_VERIFY_WITH_TIMEOUT(feed.findEvent(u"motion_detected"_s) >= 0, 10000);
    const QJsonObject event =
        feed.messages().at(feed.findEvent(u"motion_detected"_s)).value(u"event"_s).toObject();
    QCOMPARE(event.value(u"alert"_s), QJsonValue(false));
    QCOMPARE(agent->stop(), 0);
}

// A clean stop publishes SENSOR_OFFLINE and then disconnects properly, so the broker does not
// also fire the agent's last will (a second, identical SENSOR_OFFLINE on every clean stop).
void tst_LiveAlert::cleanAgentStopAnnouncesOfflineOnce()
{
    QString error;
    std::unique_ptr<ProgramProcess> agent = m_pipeline->startAgent(u"motion"_s, DeviceId, &error);
    QVERIFY2(agent, qPrintable(error));
    agent->closeInput();
    QCOMPARE(agent->waitForExit(), 0);

    HttpTestClient &api = m_pipeline->api();
    const auto offlineEvents = [&api] {
        return api.get(u"/api/events?type=sensor_offline"_s).json().array().size();
    };
    QTRY_VERIFY_WITH_TIMEOUT(offlineEvents() >= 1, 10000);
    // The broker has seen the agent go (a will is published right then, before anything the
    // broker hears later), and it went properly: by a DISCONNECT.
    QTRY_VERIFY2_WITH_TIMEOUT(m_pipeline->broker().logTail(200).contains(u"disconnected."_s),
                              qPrintable(m_pipeline->broker().logTail(20)), 10000);
    // A marker published now reaches the server after any will: once it is stored, a second
    // SENSOR_OFFLINE would have been too.
    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(m_pipeline->broker(), u"sensor/motion"_s,
                                                      GuidePayloads::sensorEvent(u"marker"_s), 1,
                                                      false, &error),
             qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(api.eventsWithId(u"marker"_s).size(), 1, 15000);
    QCOMPARE(offlineEvents(), 1);
}

QTEST_GUILESS_MAIN(tst_LiveAlert)
#include "tst_livealert.moc"

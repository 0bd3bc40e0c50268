// The guide's three tests ("🧪 Tests" in integration-guide.fr.md), run on the real programs:
// Debian's mosquitto, the built vigil-bridge and vigil-server, the guide's own mosquitto_pub
// commands and payloads.
//   Test 1: a published event reaches the bridge (its log says it received and delivered it).
//   Test 2: GET /api/events returns it converted exactly as the guide shows.
//   Test 3: with the backend down, the local broker keeps serving other subscribers, and once
//           the backend is back every event arrives exactly once (here also across a bridge
//           restart in the middle of the outage).
// Plus the guide's "Ajouter un capteur de pression" service: an agent given only its environment
// block (MQTT_TOPIC=sensor/pressure, SENSOR_PIN=27, no kind) is a pressure sensor end to end.

#include "guidepayloads.h"
#include "vigilpipeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

using GuidePayloads::object;
const QByteArray GuideTestPayload = GuidePayloads::Test1Sensor;
const QByteArray GuideConversionPayload = GuidePayloads::ConversionSensor;
const QByteArray GuideConversionBackend = GuidePayloads::ConversionBackend;
const QByteArray GuidePressurePayload = GuidePayloads::PressureSensor;

} // namespace

class tst_GuideFlow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<VigilPipeline> m_pipeline;

private Q_SLOTS:
    void init();
    void cleanup();
    void test1_bridgeReceivesThePublishedEvent();
    void test2_backendReturnsItConverted_data();
    void test2_backendReturnsItConverted();
    void test3_backendDownLosesNothing();
    void guidePressureServiceEnvironment();
};

void tst_GuideFlow::init()
{
    m_pipeline = std::make_unique<VigilPipeline>();
    QString error;
    QVERIFY2(m_pipeline->start(&error), qPrintable(error));
}

void tst_GuideFlow::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("%s", qPrintable(m_pipeline->diagnostics()));
    m_pipeline.reset();
}

void tst_GuideFlow::test1_bridgeReceivesThePublishedEvent()
{
    QString error;
    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(m_pipeline->broker(), u"sensor/motion"_s,
                                                      GuideTestPayload, 1, false, &error),
             qPrintable(error));
    // The guide: "📨 Message MQTT reçu ... ✅ Événement envoyé au backend: motion_detected".
    ProgramProcess &bridge = m_pipeline->bridge();
    QVERIFY2(bridge.waitForLog(u"received motion_detected (event_id test-123) on sensor/motion"_s),
             qPrintable(bridge.log()));
    QVERIFY2(bridge.waitForLog(u"delivered motion_detected (event_id test-123)"_s),
             qPrintable(bridge.log()));
}

void tst_GuideFlow::test2_backendReturnsItConverted_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QJsonObject>("expected");

    QTest::addRow("test 2 payload")
        << u"sensor/motion"_s << GuideTestPayload
        << object(R"({"type": "motion_detected", "device_id": "raspberry-1",
                      "details": {"event_id": "test-123", "source": "sensor-motion",
                                  "data": {"presence": true}, "original_timestamp": 1234567890,
                                  "mqtt_topic": "sensor/motion"}})");
    QTest::addRow("conversion section")
        << u"sensor/motion"_s << GuideConversionPayload << object(GuideConversionBackend);
    QTest::addRow("pressure sensor")
        << u"sensor/pressure"_s << GuidePressurePayload
        << object(R"({"type": "button_pressed", "device_id": "raspberry-1",
                      "details": {"event_id": "mat-1", "source": "sensor-pressure",
                                  "data": {"pressure": "high", "duration_ms": 500},
                                  "original_timestamp": 1734567891.5,
                                  "mqtt_topic": "sensor/pressure"}})");
}

void tst_GuideFlow::test2_backendReturnsItConverted()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(QJsonObject, expected);
    QString error;
    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(m_pipeline->broker(), topic, payload, 1,
                                                      false, &error),
             qPrintable(error));

    // `curl http://localhost:8000/api/events`
    HttpTestClient &api = m_pipeline->api();
    QTRY_COMPARE_WITH_TIMEOUT(api.events().size(), 1, 15000);
    const QJsonObject stored = api.events().first().toObject();
    QCOMPARE(stored.value(u"type"_s), expected.value(u"type"_s));
    QCOMPARE(stored.value(u"device_id"_s), expected.value(u"device_id"_s));
    QCOMPARE(stored.value(u"details"_s).toObject(), expected.value(u"details"_s).toObject());
    // Plus what the server adds, and nothing else.
    QVERIFY(stored.value(u"id"_s).isDouble());
    QVERIFY(stored.value(u"received_at"_s).toString().endsWith(u'Z'));
    QCOMPARE(stored.value(u"alert"_s), QJsonValue(false));
    QCOMPARE(stored.size(), 6);
}

void tst_GuideFlow::test3_backendDownLosesNothing()
{
    constexpr int Count = 20;
    MosquittoBroker &broker = m_pipeline->broker();
    QString error;

    // "1. Arrêter le backend"
    m_pipeline->server().stop();

    // Another local subscriber, as the guide's "[Autres abonnés locaux]".
    std::unique_ptr<QProcess> localSubscriber =
        MosquittoBroker::startMosquittoSub(broker, u"sensor/motion"_s, Count + 1, &error);
    QVERIFY2(localSubscriber, qPrintable(error));

    // "2. Publier un événement": the guide's abbreviated one, then a stream of numbered ones;
    // the bridge is restarted halfway, so half of them wait in the broker for its session.
    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(
                 broker, u"sensor/motion"_s, R"({"type": "MOTION_DETECTED"})", 1, false, &error),
             qPrintable(error));
    // "3. Voir les logs du bridge ... ❌ Backend inaccessible"
    QVERIFY2(m_pipeline->bridge().waitForLog(u"backend unreachable"_s, 15000),
             qPrintable(m_pipeline->bridge().log()));
    QStringList ids;
    for (int i = 0; i < Count; ++i) {
        if (i == Count / 2) {
            QCOMPARE(m_pipeline->stopBridge(), 0);
        }
        const QString id = u"outage-%1"_s.arg(i);
        ids << id;
        QVERIFY2(MosquittoBroker::publishWithMosquittoPub(
                     broker, u"sensor/motion"_s, GuidePayloads::sensorEvent(id), 1, false, &error),
                 qPrintable(error));
    }

    // "4. Le système local continue de fonctionner normalement !"
    // It may have ended already: the publishes above ran the event loop.
    const bool allReceived =
        localSubscriber->state() == QProcess::NotRunning || localSubscriber->waitForFinished(15000);
    const QByteArray received = localSubscriber->readAllStandardOutput();
    QVERIFY2(allReceived, received.constData());
    QCOMPARE(received.count("sensor/motion "), Count + 1);
    for (const QString &id : std::as_const(ids))
        QVERIFY2(received.contains(id.toUtf8()), qPrintable(id));

    // The bridge comes back during the outage, then the backend.
    QVERIFY2(m_pipeline->startBridge(&error), qPrintable(error));
    QVERIFY2(m_pipeline->server().restart(&error), qPrintable(error));

    // Every event once: the numbered ones by id, the abbreviated one by count.
    HttpTestClient &api = m_pipeline->api();
    QTRY_COMPARE_WITH_TIMEOUT(api.events().size(), Count + 1, 60000);
    for (const QString &id : std::as_const(ids))
        QCOMPARE(api.eventsWithId(id).size(), 1);
    // Nothing more comes later (no late duplicate from a retry in flight): a marker published
    // now goes through the same outbox after anything still in it; once it is stored, nothing
    // else may have been.
    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(broker, u"sensor/motion"_s,
                                                      GuidePayloads::sensorEvent(u"marker"_s), 1,
                                                      false, &error),
             qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(api.eventsWithId(u"marker"_s).size(), 1, 15000);
    QCOMPARE(api.events().size(), Count + 2);
}

void tst_GuideFlow::guidePressureServiceEnvironment()
{
    // The guide's docker-compose `environment:` of sensor-pressure, broker address aside.
    QProcessEnvironment env;
    env.insert(u"MQTT_BROKER"_s, m_pipeline->broker().host());
    env.insert(u"MQTT_PORT"_s, QString::number(m_pipeline->broker().port()));
    env.insert(u"MQTT_TOPIC"_s, u"sensor/pressure"_s);
    env.insert(u"SENSOR_PIN"_s, u"27"_s);
    env.insert(u"DEVICE_ID"_s, u"raspberry-1"_s);
    env.insert(u"SIMULATE"_s, u"stdin"_s); // in place of the mat on /dev/gpiochip0
    ProgramProcess agent(u"vigil-agent"_s, {}, env);
    QString error;
    QVERIFY2(agent.start(&error), qPrintable(error));

    HttpTestClient &api = m_pipeline->api();
    const auto online = [&api] {
        const QJsonArray devices = api.get(u"/api/devices"_s).json().array();
        for (const QJsonValue &device : devices) {
            if (device[u"source"_s] == u"sensor-pressure"_s && device[u"online"_s] == true)
                return true;
        }
        return false;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(online(), qPrintable(agent.log()), 15000);
    agent.writeLine("1");
    QTest::qWait(200); // the mat is held this long (a duration, not a synchronisation)
    agent.writeLine("0");

    QTRY_COMPARE_WITH_TIMEOUT(api.get(u"/api/events?type=button_pressed"_s).json().array().size(),
                              1, 15000);
    const QJsonObject event =
        api.get(u"/api/events?type=button_pressed"_s).json().array().first().toObject();
    QCOMPARE(event.value(u"device_id"_s), u"raspberry-1"_s);
    const QJsonObject details = event.value(u"details"_s).toObject();
    QCOMPARE(details.value(u"source"_s), u"sensor-pressure"_s);
    QCOMPARE(details.value(u"mqtt_topic"_s), u"sensor/pressure"_s);
    QCOMPARE(details.value(u"data"_s)[u"gpio_pin"_s], 27);
    QCOMPARE(details.value(u"data"_s)[u"pressure"_s], u"high"_s);
    QCOMPARE(agent.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_GuideFlow)
#include "tst_guideflow.moc"

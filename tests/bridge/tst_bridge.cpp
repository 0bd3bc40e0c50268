#include "bridge.h"
#include "bridgestarter.h"
#include "bridgetestbackend.h"
#include "guidepayloads.h"
#include "mosquittobroker.h"
#include "mqttclient.h"
#include "testpublisher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

// The bridge in-process against a real mosquitto and a real HTTP backend (QHttpServer).
class tst_Bridge : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MosquittoBroker> m_broker;
    std::unique_ptr<BridgeTestBackend> m_backend;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Bridge> m_bridge;

    // Starts a bridge subscribed to sensor/# and waits for its SUBACK.
    bool startBridge(const QUrl &backendUrl)
    {
        QString error;
        m_bridge = BridgeStarter::inProcess(*m_broker, backendUrl, u"vigil-bridge-test"_s,
                                            m_dir->filePath(u"outbox.db"_s), &error);
        if (!m_bridge) {
            qWarning() << error;
            return false;
        }
        // Retries fast, so that the recovery tests take milliseconds.
        m_bridge->forwarder()->setBackoffLimits(20, 200);
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_broker = std::make_unique<MosquittoBroker>();
        QString error;
        QVERIFY2(m_broker->start(&error), qPrintable(error));
        m_backend = std::make_unique<BridgeTestBackend>();
        QVERIFY(m_backend->listen());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        if (m_bridge)
            m_bridge->shutdown();
        m_bridge.reset();
        m_backend.reset();
        m_broker.reset();
        m_dir.reset();
    }

    // The guide's Test 1, with the real mosquitto_pub and the guide's own example payload.
    void guideTest1_mosquittoPubReachesTheBackendConverted()
    {
        QVERIFY(startBridge(m_backend->url()));
        const QByteArray guideExample = R"({
    "event_id": "test-123",
    "device_id": "raspberry-1",
    "source": "sensor-motion",
    "type": "MOTION_DETECTED",
    "data": {"presence": true},
    "timestamp": 1234567890
  })";
        QString error;
        QVERIFY2(MosquittoBroker::publishWithMosquittoPub(*m_broker, u"sensor/motion"_s,
                                                          guideExample, 1, false, &error),
                 qPrintable(error));
        QTRY_COMPARE(m_backend->stored().size(), 1);
        const QJsonObject expected = parse(R"({"type": "motion_detected",
            "device_id": "raspberry-1",
            "details": {"event_id": "test-123", "source": "sensor-motion",
                        "data": {"presence": true}, "original_timestamp": 1234567890,
                        "mqtt_topic": "sensor/motion"}})");
        QCOMPARE(parse(m_backend->requests().constFirst().body), expected);
    }

    // The guide's conversion example, byte for byte in meaning, and its pressure sensor.
    void guideConversion_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("motion") << u"sensor/motion"_s
                                << QByteArray(R"({"event_id": "abc-123", "device_id": "raspberry-1",
                 "source": "sensor-motion", "type": "MOTION_DETECTED",
                 "data": {"presence": true, "gpio_pin": 17}, "timestamp": 1734567890.123})")
                                << QByteArray(
                                       R"({"type": "motion_detected", "device_id": "raspberry-1",
                 "details": {"event_id": "abc-123", "source": "sensor-motion",
                 "data": {"presence": true, "gpio_pin": 17},
                 "original_timestamp": 1734567890.123, "mqtt_topic": "sensor/motion"}})");
        QTest::addRow("pressure becomes button_pressed")
            << u"sensor/pressure"_s << QByteArray(R"({"event_id": "p-1", "device_id": "raspberry-1",
                 "source": "sensor-pressure", "type": "PRESSURE_DETECTED",
                 "data": {"pressure": "high", "duration_ms": 500}, "timestamp": 1734567891.5})")
            << QByteArray(R"({"type": "button_pressed", "device_id": "raspberry-1",
                 "details": {"event_id": "p-1", "source": "sensor-pressure",
                 "data": {"pressure": "high", "duration_ms": 500},
                 "original_timestamp": 1734567891.5, "mqtt_topic": "sensor/pressure"}})");
        QTest::addRow("a new sensor needs no change")
            << u"sensor/door"_s << QByteArray(R"({"event_id": "d-1", "type": "DOOR_OPENED"})")
            << QByteArray();
    }
    void guideConversion()
    {
        QFETCH(QString, topic);
        QFETCH(QByteArray, payload);
        QFETCH(QByteArray, expected);
        QVERIFY(startBridge(m_backend->url()));
        QString error;
        QVERIFY2(
            MosquittoBroker::publishWithMosquittoPub(*m_broker, topic, payload, 1, false, &error),
            qPrintable(error));
        QTRY_COMPARE(m_backend->stored().size(), 1);
        const QJsonObject received = parse(m_backend->requests().constFirst().body);
        if (!expected.isEmpty()) {
            QCOMPARE(received, parse(expected));
            return;
        }
        // Defaults: DEVICE_ID, the topic as source, {} as data, the receive time.
        QCOMPARE(received.value(u"type"_s).toString(), u"door_opened"_s);
        QCOMPARE(received.value(u"device_id"_s).toString(), u"unknown"_s);
        const QJsonObject details = received.value(u"details"_s).toObject();
        QCOMPARE(details.value(u"source"_s).toString(), u"sensor-door"_s);
        QCOMPARE(details.value(u"data"_s).toObject(), QJsonObject());
        const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
        QVERIFY(qAbs(details.value(u"original_timestamp"_s).toDouble() - now) < 60);
    }

    void badPayloadsAreDroppedAndTheNextEventStillArrives_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("reason");
        QTest::addRow("not JSON") << QByteArray("motion!") << u""_s;
        QTest::addRow("array") << QByteArray(R"([{"type":"MOTION_DETECTED"}])") << u""_s;
        QTest::addRow("missing type") << QByteArray(R"({"event_id":"x"})") << u"type"_s;
        QTest::addRow("1 MiB") << QByteArray(R"({"type":"MOTION_DETECTED","pad":")") +
                                      QByteArray(1024 * 1024, 'a') + QByteArray(R"("})")
                               << u"MAX_PAYLOAD"_s;
        QTest::addRow("invalid UTF-8") << QByteArray("{\"type\":\"MOTION_\xff\xfe\"}") << u""_s;
        QTest::addRow("10,000-deep nesting")
            << QByteArray(R"({"type":"MOTION_DETECTED","data":)") + QByteArray(10000, '[') +
                   QByteArray(10000, ']') + QByteArray("}")
            << u""_s;
        QTest::addRow("type the server refuses")
            << QByteArray(R"({"type":"MOTION DETECTED!"})") << u"type"_s;
    }
    void badPayloadsAreDroppedAndTheNextEventStillArrives()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, reason);
        QVERIFY(startBridge(m_backend->url()));
        QSignalSpy dropped(m_bridge.get(), &Bridge::messageDropped);
        TestPublisher publisher(m_broker->host(), m_broker->port());
        QString error;
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        QVERIFY2(publisher.publish(u"sensor/motion"_s, payload, &error), qPrintable(error));
        QVERIFY2(
            publisher.publish(u"sensor/motion"_s, GuidePayloads::sensorEvent(u"after"_s), &error),
            qPrintable(error));
        QTRY_COMPARE(m_backend->storedEventIds(), QStringList{u"after"_s});
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.at(0).at(0).toString(), u"sensor/motion"_s);
        QVERIFY2(dropped.at(0).at(1).toString().contains(reason),
                 qPrintable(dropped.at(0).at(1).toString()));
        QCOMPARE(m_bridge->droppedTotal(), 1);
        QTRY_COMPARE(m_bridge->outbox()->depth(), 0); // settled right after the backend answered
        QCOMPARE(m_backend->requests().size(), 1);    // the bad one never reached the backend
    }

    // The guide's Test 3 made stronger: nothing is lost, nothing is doubled, the order holds.
    void guideTest3_backendDownThenUpDeliversAllInOrder()
    {
        const quint16 port = m_backend->port();
        m_backend->close();
        QVERIFY(startBridge(m_backend->url()));
        TestPublisher publisher(m_broker->host(), m_broker->port());
        QString error;
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        QVERIFY2(publisher.publish(u"sensor/motion"_s, GuidePayloads::sensorEvents(u"t3"_s, 1000),
                                   &error),
                 qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(m_bridge->outbox()->depth(), 1000, 20000);
        QVERIFY(m_backend->stored().isEmpty());

        QVERIFY(m_backend->listen(port));
        QTRY_COMPARE_WITH_TIMEOUT(m_backend->stored().size(), 1000, 30000);
        QCOMPARE(m_backend->storedEventIds(), GuidePayloads::eventIds(u"t3"_s, 1000));
        QCOMPARE(m_backend->duplicates(), 0);
        QTRY_COMPARE(m_bridge->outbox()->depth(), 0);
    }

    // Beware the broker's queue: a burst far above mosquitto's stock 1000 queued messages.
    void aBurstOf20000IsTakenOffTheBrokerWithoutLoss()
    {
        QVERIFY(startBridge(m_backend->url()));
        TestPublisher publisher(m_broker->host(), m_broker->port());
        QString error;
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(publisher.publish(u"sensor/motion"_s,
                                   GuidePayloads::sensorEvents(u"burst"_s, 20000), &error, 120000),
                 qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(m_backend->stored().size(), 20000, 120000);
        qInfo("20000 events published and delivered in %lld ms", clock.elapsed());
        QCOMPARE(m_backend->storedEventIds(), GuidePayloads::eventIds(u"burst"_s, 20000));
    }

    void aBrokerRestartIsSurvived()
    {
        QVERIFY(startBridge(m_backend->url()));
        QSignalSpy reconnected(m_bridge->mqttClient(), &MqttClient::subscribed);
        QString error;
        QVERIFY2(m_broker->restart(&error), qPrintable(error));
        QVERIFY(reconnected.wait(20000)); // resubscribed on the new connection
        TestPublisher publisher(m_broker->host(), m_broker->port());
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        QVERIFY2(publisher.publish(u"sensor/motion"_s,
                                   GuidePayloads::sensorEvent(u"after-restart"_s), &error),
                 qPrintable(error));
        QTRY_COMPARE(m_backend->storedEventIds(), QStringList{u"after-restart"_s});
    }

    void aBridgeRestartKeepsTheMessagesPublishedMeanwhile()
    {
        QVERIFY(startBridge(m_backend->url()));
        m_bridge->shutdown();
        m_bridge.reset();
        // The bridge is away: its persistent session collects the messages.
        TestPublisher publisher(m_broker->host(), m_broker->port());
        QString error;
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        QVERIFY2(publisher.publish(u"sensor/motion"_s, GuidePayloads::sensorEvents(u"away"_s, 500),
                                   &error),
                 qPrintable(error));
        QVERIFY(startBridge(m_backend->url()));
        QTRY_COMPARE_WITH_TIMEOUT(m_backend->stored().size(), 500, 20000);
        QCOMPARE(m_backend->storedEventIds(), GuidePayloads::eventIds(u"away"_s, 500));
    }
};

QTEST_GUILESS_MAIN(tst_Bridge)
#include "tst_bridge.moc"

#include "eventrecorder.h"
#include "mosquittobroker.h"
#include "programprocess.h"
#include "sensoragent.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString MotionTopic = u"sensor/motion"_s;
const QString MotionStatus = u"sensor/motion/status"_s;
const QString PressureTopic = u"sensor/pressure"_s;
const QString PressureStatus = u"sensor/pressure/status"_s;
constexpr int Timeout = 15000;

// Checks one payload against the guide's format, field by field and nothing more.
void verifyGuideShape(const QJsonObject &event, const QString &source, const QString &type)
{
    QCOMPARE(QStringList(event.keys()), (QStringList{u"data"_s, u"device_id"_s, u"event_id"_s,
                                                     u"source"_s, u"timestamp"_s, u"type"_s}));
    const QString eventId = event.value("event_id"_L1).toString();
    static const QRegularExpression uuidV4(
        u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
    QVERIFY2(uuidV4.match(eventId).hasMatch(), qPrintable(eventId));
    QCOMPARE(QUuid::fromString(eventId).version(), QUuid::Random);
    QCOMPARE(event.value("device_id"_L1).toString(), u"test-pi"_s);
    QCOMPARE(event.value("source"_L1).toString(), source);
    QCOMPARE(event.value("type"_L1).toString(), type);
    QVERIFY(event.value("data"_L1).isObject());
    QVERIFY(event.value("timestamp"_L1).isDouble());
}

// The timestamp (Unix seconds, ms decimals) lies within [before - 1 s, after + 1 s].
void verifyTimestamp(const QJsonObject &event, qint64 beforeMs, qint64 afterMs)
{
    const double seconds = event.value("timestamp"_L1).toDouble();
    const qint64 ms = qRound64(seconds * 1000);
    QVERIFY2(ms >= beforeMs - 1000 && ms <= afterMs + 1000,
             qPrintable(u"timestamp %1 not within the second of [%2, %3]"_s.arg(seconds, 0, 'f', 3)
                            .arg(beforeMs)
                            .arg(afterMs)));
    QCOMPARE(qRound64(seconds * 1000) / 1000.0, seconds); // millisecond decimals, no more
}

// The built vigil-agent with SIMULATE=stdin on `broker`: the test writes "1"/"0" lines.
std::unique_ptr<ProgramProcess> agentProcess(const MosquittoBroker &broker)
{
    auto agent = std::make_unique<ProgramProcess>(u"vigil-agent"_s);
    agent->setEnv(u"MQTT_BROKER"_s, broker.host());
    agent->setEnv(u"MQTT_PORT"_s, QString::number(broker.port()));
    agent->setEnv(u"SIMULATE"_s, u"stdin"_s);
    agent->setEnv(u"DEVICE_ID"_s, u"test-pi"_s);
    agent->setEnv(u"LOG_LEVEL"_s, u"debug"_s);
    return agent;
}

} // namespace

class tst_SensorAgent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void motionEventHasTheGuideShape();
    void eventsAreNotRetained();
    void pressurePressAndRelease();
    void shortPressIsIgnored();
    void bouncesInsideDebounceGiveOneEvent_data();
    void bouncesInsideDebounceGiveOneEvent();
    void sigtermPublishesOfflineRetained();
    void endOfInputPublishesEverythingThenExits();
    void lastWillAfterKill();
    void brokerDownThenUpDeliversEverythingInOrder();
    void sigtermDuringOutageStillExits();
    void startsBeforeTheBroker();
    void queueFullDropsOldestWithWarning();

private:
    // Starts an agent and waits for its retained SENSOR_ONLINE.
    std::unique_ptr<ProgramProcess> startAgent(EventRecorder *recorder,
                                               const QList<std::pair<QString, QString>> &env = {},
                                               const QString &status = MotionStatus);

    std::unique_ptr<MosquittoBroker> m_broker;
};

void tst_SensorAgent::init()
{
    m_broker = std::make_unique<MosquittoBroker>();
    QString error;
    QVERIFY2(m_broker->start(&error), qPrintable(error));
}

void tst_SensorAgent::cleanup()
{
    m_broker.reset();
}

std::unique_ptr<ProgramProcess>
tst_SensorAgent::startAgent(EventRecorder *recorder, const QList<std::pair<QString, QString>> &env,
                            const QString &status)
{
    auto agent = agentProcess(*m_broker);
    for (const auto &[name, value] : env)
        agent->setEnv(name, value);
    if (!agent->start())
        return {};
    const bool online = QTest::qWaitFor(
        [&] { return recorder->types(status).contains(u"SENSOR_ONLINE"_s); }, Timeout);
    if (!online) {
        qWarning("agent never came online:\n%s", qPrintable(agent->log()));
        return {};
    }
    return agent;
}

void tst_SensorAgent::motionEventHasTheGuideShape()
{
    EventRecorder recorder(*m_broker, u"sensor/#"_s);
    QVERIFY(recorder.start());
    auto agent = startAgent(&recorder);
    QVERIFY(agent);

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    agent->write("1\n");
    QTRY_COMPARE_WITH_TIMEOUT(recorder.count(MotionTopic), 1, Timeout);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    const QJsonObject event = recorder.on(MotionTopic).constFirst().json;
    verifyGuideShape(event, u"sensor-motion"_s, u"MOTION_DETECTED"_s);
    QCOMPARE(event.value("data"_L1).toObject(),
             (QJsonObject{{"presence"_L1, true}, {"gpio_pin"_L1, 17}}));
    verifyTimestamp(event, before, after);

    // The availability event has the same format, retained for whoever subscribes later.
    const QJsonObject online = recorder.on(MotionStatus).constFirst().json;
    verifyGuideShape(online, u"sensor-motion"_s, u"SENSOR_ONLINE"_s);
    EventRecorder late(*m_broker, MotionStatus);
    QVERIFY(late.start());
    QTRY_COMPARE_WITH_TIMEOUT(late.types(MotionStatus), QStringList{u"SENSOR_ONLINE"_s}, Timeout);
}

void tst_SensorAgent::eventsAreNotRetained()
{
    EventRecorder recorder(*m_broker, u"sensor/#"_s);
    QVERIFY(recorder.start());
    auto agent = startAgent(&recorder);
    QVERIFY(agent);
    agent->write("1\n");
    QTRY_COMPARE_WITH_TIMEOUT(recorder.count(MotionTopic), 1, Timeout);

    // A late subscriber gets the retained status (sent together with any retained message right
    // after its SUBACK) and no retained event.
    EventRecorder late(*m_broker, u"sensor/#"_s);
    QVERIFY(late.start());
    QTRY_COMPARE_WITH_TIMEOUT(late.count(MotionStatus), 1, Timeout);
    QCOMPARE(late.count(MotionTopic), 0);
}

void tst_SensorAgent::pressurePressAndRelease()
{
    EventRecorder recorder(*m_broker, u"sensor/#"_s);
    QVERIFY(recorder.start());
    // The guide's compose service sets only these two: the kind comes from the topic.
    auto agent = startAgent(
        &recorder, {{u"MQTT_TOPIC"_s, PressureTopic}, {u"SENSOR_PIN"_s, u"27"_s}}, PressureStatus);
    QVERIFY(agent);

    const int holdMs = 300;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    agent->write("1\n");
    QTimer::singleShot(holdMs, Qt::PreciseTimer, [&] { agent->write("0\n"); });
    QTRY_COMPARE_WITH_TIMEOUT(recorder.count(PressureTopic), 1, Timeout);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();

    const QJsonObject event = recorder.on(PressureTopic).constFirst().json;
    verifyGuideShape(event, u"sensor-pressure"_s, u"PRESSURE_DETECTED"_s);
    const QJsonObject data = event.value("data"_L1).toObject();
    QCOMPARE(data.value("pressure"_L1).toString(), u"high"_s);
    QCOMPARE(data.value("gpio_pin"_L1).toInt(), 27);
    QVERIFY(data.value("duration_ms"_L1).isDouble());
    const int duration = data.value("duration_ms"_L1).toInt();
    // The press lasted holdMs as written; the pipe may deliver the press a little late.
    QVERIFY2(duration >= holdMs - 100 && duration <= after - before,
             qPrintable(QString::number(duration)));
    QCOMPARE(data.keys().size(), 3);
    verifyTimestamp(event, before + holdMs, after);
}

void tst_SensorAgent::shortPressIsIgnored()
{
    EventRecorder recorder(*m_broker, u"sensor/#"_s);
    QVERIFY(recorder.start());
    auto agent = startAgent(&recorder, {{u"SENSOR_KIND"_s, u"pressure"_s}}, PressureStatus);
    QVERIFY(agent);

    agent->write("1\n0\n"); // arrive together: a press of ~0 ms, below PRESSURE_MIN_MS
    QTimer::singleShot(100, Qt::PreciseTimer, [&] { agent->write("1\n"); });
    QTimer::singleShot(300, Qt::PreciseTimer, [&] { agent->write("0\n"); });
    QTRY_COMPARE_WITH_TIMEOUT(recorder.count(PressureTopic), 1, Timeout);
    agent->closeInput(); // everything is published before SENSOR_OFFLINE
    QTRY_VERIFY_WITH_TIMEOUT(recorder.types(PressureStatus).contains(u"SENSOR_OFFLINE"_s), Timeout);
    QCOMPARE(recorder.count(PressureTopic), 1);
    QVERIFY(recorder.on(PressureTopic)
                .constFirst()
                .json.value("data"_L1)
                .toObject()
                .value("duration_ms"_L1)
                .toInt() >= 100);
}

void tst_SensorAgent::bouncesInsideDebounceGiveOneEvent_data()
{
    QTest::addColumn<QString>("debounceMs");
    QTest::addColumn<int>("events");
    QTest::addRow("default 30 ms debounce") << u"30"_s << 1;
    // The same input without debounce: three activations, so it is the debounce that merges.
    QTest::addRow("no debounce") << u"0"_s << 3;
}

void tst_SensorAgent::bouncesInsideDebounceGiveOneEvent()
{
    QFETCH(QString, debounceMs);
    QFETCH(int, events);

    EventRecorder recorder(*m_broker, u"sensor/#"_s);
    QVERIFY(recorder.start());
    auto agent = startAgent(&recorder, {{u"DEBOUNCE_MS"_s, debounceMs}});
    QVERIFY(agent);

    agent->write("1\n0\n1\n0\n1\n"); // one write: the lines arrive within the same moment
    agent->closeInput();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.types(MotionStatus).contains(u"SENSOR_OFFLINE"_s), Timeout);
    QVERIFY(agent->waitUntilEnded());
    QCOMPARE(recorder.count(MotionTopic), events);
}

void tst_SensorAgent::sigtermPublishesOfflineRetained()
{
    EventRecorder recorder(*m_broker, u"sensor/#"_s);
    QVERIFY(recorder.start());
    auto agent = startAgent(&recorder);
    QVERIFY(agent);

    agent->signal(SIGTERM);
    QVERIFY(agent->waitUntilEnded());
    QCOMPARE(agent->exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent->exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.types(MotionStatus),
                              (QStringList{u"SENSOR_ONLINE"_s, u"SENSOR_OFFLINE"_s}), Timeout);
    verifyGuideShape(recorder.on(MotionStatus).constLast().json, u"sensor-motion"_s,
                     u"SENSOR_OFFLINE"_s);

    EventRecorder late(*m_broker, MotionStatus);
    QVERIFY(late.start());
    QTRY_COMPARE_WITH_TIMEOUT(late.types(MotionStatus), QStringList{u"SENSOR_OFFLINE"_s}, Timeout);
}

void tst_SensorAgent::endOfInputPublishesEverythingThenExits()
{
    EventRecorder recorder(*m_broker, u"sensor/#"_s);
    QVERIFY(recorder.start());
    auto agent = startAgent(&recorder, {{u"DEBOUNCE_MS"_s, u"0"_s}});
    QVERIFY(agent);

    agent->write("1\nnot-a-level\n1\n\n1"); // the last line has no newline before EOF
    agent->closeInput();
    QVERIFY(agent->waitUntilEnded());
    QCOMPARE(agent->exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent->exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.count(MotionTopic), 3, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.types(MotionStatus).constLast(), u"SENSOR_OFFLINE"_s,
                              Timeout);
    QVERIFY2(agent->log().contains(u"expected 1 or 0, got \"not-a-level\""_s),
             qPrintable(agent->log()));
}

void tst_SensorAgent::lastWillAfterKill()
{
    EventRecorder recorder(*m_broker, u"sensor/#"_s);
    QVERIFY(recorder.start());
    auto agent = startAgent(&recorder);
    QVERIFY(agent);

    agent->kill(); // no chance to say goodbye: the broker publishes the will
    QVERIFY(agent->waitUntilEnded());
    QTRY_COMPARE_WITH_TIMEOUT(recorder.types(MotionStatus),
                              (QStringList{u"SENSOR_ONLINE"_s, u"SENSOR_OFFLINE"_s}), Timeout);
    verifyGuideShape(recorder.on(MotionStatus).constLast().json, u"sensor-motion"_s,
                     u"SENSOR_OFFLINE"_s);

    EventRecorder late(*m_broker, MotionStatus);
    QVERIFY(late.start());
    QTRY_COMPARE_WITH_TIMEOUT(late.types(MotionStatus), QStringList{u"SENSOR_OFFLINE"_s}, Timeout);
}

void tst_SensorAgent::brokerDownThenUpDeliversEverythingInOrder()
{
    // A persistent subscriber session on a persistent broker: the broker keeps what arrives for
    // it while it is away, so the test sees exactly what the agent published.
    auto recorder = std::make_unique<EventRecorder>(*m_broker, MotionTopic, u"tst-agent-order"_s);
    QVERIFY(recorder->start());
    EventRecorder status(*m_broker, MotionStatus);
    QVERIFY(status.start());
    auto agent = startAgent(&status, {{u"DEBOUNCE_MS"_s, u"0"_s}});
    QVERIFY(agent);

    m_broker->stop();
    // Edges while the broker is gone, in bursts spread over time so their timestamps differ.
    const int bursts = 10;
    const int perBurst = 3;
    int written = 0;
    QTimer writer;
    writer.setInterval(20);
    connect(&writer, &QTimer::timeout, this, [&] {
        agent->write("1\n1\n1\n");
        if (++written == bursts)
            writer.stop();
    });
    writer.start();
    QTRY_COMPARE_WITH_TIMEOUT(written, bursts, Timeout);
    const qint64 edgesDoneMs = QDateTime::currentMSecsSinceEpoch();

    QString error;
    QVERIFY2(m_broker->restart(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(recorder->count(MotionTopic), bursts * perBurst, 60000);

    const QList<EventRecorder::Message> events = recorder->on(MotionTopic);
    QSet<QString> ids;
    double previous = 0;
    for (const EventRecorder::Message &message : events) {
        ids.insert(message.json.value("event_id"_L1).toString());
        const double timestamp = message.json.value("timestamp"_L1).toDouble();
        QVERIFY2(timestamp >= previous, "events arrived out of order");
        // The original edge time, not the time of the late delivery.
        QVERIFY(qRound64(timestamp * 1000) <= edgesDoneMs + 50);
        previous = timestamp;
    }
    QCOMPARE(ids.size(), bursts * perBurst);
    QVERIFY(events.constFirst().json.value("timestamp"_L1).toDouble() <
            events.constLast().json.value("timestamp"_L1).toDouble());
    // The agent announced itself again on the restarted broker: the retained status now is a
    // new SENSOR_ONLINE, not the one from before the outage.
    const QString firstOnline =
        status.on(MotionStatus).constFirst().json.value("event_id"_L1).toString();
    EventRecorder late(*m_broker, MotionStatus);
    QVERIFY(late.start());
    QTRY_COMPARE_WITH_TIMEOUT(late.count(MotionStatus), 1, Timeout);
    const QJsonObject retained = late.on(MotionStatus).constFirst().json;
    QCOMPARE(retained.value("type"_L1).toString(), u"SENSOR_ONLINE"_s);
    QVERIFY(retained.value("event_id"_L1).toString() != firstOnline);
}

void tst_SensorAgent::sigtermDuringOutageStillExits()
{
    EventRecorder status(*m_broker, MotionStatus);
    QVERIFY(status.start());
    auto agent = startAgent(&status);
    QVERIFY(agent);
    m_broker->stop();
    QTRY_VERIFY_WITH_TIMEOUT(agent->log().contains(u"broker unreachable"_s), Timeout);
    agent->write("1\n");
    QTRY_VERIFY_WITH_TIMEOUT(agent->log().contains(u"MOTION_DETECTED on"_s), Timeout);

    // Nothing can be delivered: the agent waits its bounded drain time, says what it could not
    // deliver, and still exits 0.
    agent->signal(SIGTERM);
    QVERIFY(agent->waitUntilEnded(SensorAgent::ShutdownTimeoutMs + 10000));
    QCOMPARE(agent->exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent->exitCode(), 0);
    QVERIFY2(agent->log().contains(u"2 event(s) not acknowledged"_s), qPrintable(agent->log()));
}

void tst_SensorAgent::startsBeforeTheBroker()
{
    // A persistent session made while the broker is up keeps what arrives while we are away.
    EventRecorder recorder(*m_broker, u"sensor/#"_s, u"tst-agent-early"_s);
    QVERIFY(recorder.start());
    m_broker->stop();

    const std::unique_ptr<ProgramProcess> agent = agentProcess(*m_broker);
    QVERIFY(agent->start());
    agent->write("1\n"); // raised while no broker is reachable
    QTRY_VERIFY_WITH_TIMEOUT(agent->log().contains(u"broker unreachable: queued"_s), Timeout);
    QString error;
    QVERIFY2(m_broker->restart(&error), qPrintable(error));
    agent->closeInput();
    QCOMPARE(agent->waitForExit(30000), 0);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.count(MotionTopic), 1, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.types(MotionStatus).constLast(), u"SENSOR_OFFLINE"_s,
                              Timeout);
}

void tst_SensorAgent::queueFullDropsOldestWithWarning()
{
    auto recorder = std::make_unique<EventRecorder>(*m_broker, MotionTopic, u"tst-agent-queue"_s);
    QVERIFY(recorder->start());
    EventRecorder status(*m_broker, MotionStatus);
    QVERIFY(status.start());
    auto agent = startAgent(&status, {{u"DEBOUNCE_MS"_s, u"0"_s}, {u"QUEUE_MAX"_s, u"5"_s}});
    QVERIFY(agent);

    m_broker->stop();
    QTRY_VERIFY_WITH_TIMEOUT(agent->log().contains(u"keeping up to 5 events"_s), Timeout);
    agent->write("1\n1\n1\n1\n1\n1\n1\n1\n"); // 8 events, room for 5
    QTRY_VERIFY_WITH_TIMEOUT(agent->log().contains(u"oldest event dropped (3 dropped"_s), Timeout);
    // SENSOR_OFFLINE joins the full queue too and pushes out a fourth event.
    agent->closeInput();
    QTRY_VERIFY_WITH_TIMEOUT(agent->log().contains(u"oldest event dropped (4 dropped"_s), Timeout);
    QString error;
    QVERIFY2(m_broker->restart(&error), qPrintable(error));
    QVERIFY(agent->waitUntilEnded(30000));
    QCOMPARE(agent->exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(recorder->count(MotionTopic), 4, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(status.types(MotionStatus).constLast(), u"SENSOR_OFFLINE"_s, Timeout);
}

QTEST_GUILESS_MAIN(tst_SensorAgent)
#include "tst_sensoragent.moc"

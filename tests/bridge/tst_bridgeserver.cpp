#include "bridge.h"
#include "bridgesettings.h"
#include "bridgestarter.h"
#include "guidepayloads.h"
#include "httptestclient.h"
#include "mosquittobroker.h"
#include "mqttclient.h"
#include "programprocess.h"
#include "serverprocess.h"
#include "testpublisher.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Trusted by the test's own reads of an https server.
QList<QSslCertificate> g_testCa;

// GET `url` (the whole of it: the client's base) through the tests' HTTP client.
QByteArray httpGet(const QUrl &url)
{
    HttpTestClient client(url);
    client.setCaCertificates(g_testCa);
    return client.get({}).body;
}

// One series of the server's /metrics, named as printed (labels included); -1 when absent.
qint64 metric(const ServerProcess &server, const QString &series)
{
    QUrl url = server.url();
    url.setPath(u"/metrics"_s);
    const QStringList lines = QString::fromUtf8(httpGet(url)).split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(series + u' '))
            return line.mid(series.size() + 1).toLongLong();
    }
    return -1;
}

// Distinct events stored.
qint64 storedTotal(const ServerProcess &server)
{
    return metric(server, u"vigil_events_stored_total"_s);
}

// Answers with that HTTP status (the series appears with the first one).
qint64 answersWithStatus(const ServerProcess &server, int code)
{
    return std::max<qint64>(0,
                            metric(server, u"vigil_http_requests_total{code=\"%1\"}"_s.arg(code)));
}

// Every stored event_id, newest first, paging with before_id.
QStringList storedEventIds(const ServerProcess &server)
{
    QStringList ids;
    qint64 before = 0;
    for (;;) {
        QUrl url = server.url();
        url.setPath(u"/api/events"_s);
        url.setQuery(before > 0 ? u"limit=1000&before_id=%1"_s.arg(before) : u"limit=1000"_s);
        const QJsonArray page = QJsonDocument::fromJson(httpGet(url)).array();
        if (page.isEmpty())
            return ids;
        for (const QJsonValue &event : page) {
            ids.append(event[u"details"_s][u"event_id"_s].toString());
            before = event[u"id"_s].toInteger();
        }
    }
}

QStringList withoutProbes(QStringList ids)
{
    ids.removeIf([](const QString &id) { return id.startsWith(u"probe-"_s); });
    return ids;
}

// The built vigil-bridge from `broker` to `server`, started; null when it did not start.
std::unique_ptr<ProgramProcess> startedBridge(const MosquittoBroker &broker,
                                              const ServerProcess &server, const QString &clientId,
                                              const QString &outboxPath)
{
    auto bridge = BridgeStarter::program(broker, server.url(), clientId, outboxPath);
    return bridge->start() ? std::move(bridge) : nullptr;
}

// Publishes probes until one is stored: the bridge's persistent session exists and is
// subscribed. Returns how many were sent (they are stored events too), or -1 after 15 s.
int probeUntilStored(TestPublisher &publisher, const ServerProcess &server)
{
    int probes = 0;
    QString error;
    const bool stored = QTest::qWaitFor(
        [&] {
            publisher.publish(u"sensor/probe"_s,
                              GuidePayloads::sensorEvent(u"probe-%1"_s.arg(probes++)), &error);
            return storedTotal(server) > 0;
        },
        15000);
    return stored ? probes : -1;
}

} // namespace

// The bridge against the real vigil-server (ServerProcess) and a real mosquitto.
class tst_BridgeServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The guide's Test 1 and Test 2: mosquitto_pub, then the event as GET /api/events shows it.
    void guideTest1ReachesTheRealServer()
    {
        MosquittoBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        ServerProcess server;
        QVERIFY2(server.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const auto bridge =
            BridgeStarter::inProcess(broker, server.url(), u"vigil-bridge-server-test"_s,
                                     dir.filePath(u"outbox.db"_s), &error);
        QVERIFY2(bridge, qPrintable(error));

        QVERIFY2(MosquittoBroker::publishWithMosquittoPub(
                     broker, u"sensor/pressure"_s,
                     R"({"event_id": "test-123", "device_id": "raspberry-1",
                         "source": "sensor-pressure", "type": "PRESSURE_DETECTED",
                         "data": {"pressure": "high", "duration_ms": 500},
                         "timestamp": 1734567890.123})",
                     1, false, &error),
                 qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(storedTotal(server), 1, 10000);
        QUrl url = server.url();
        url.setPath(u"/api/events"_s);
        const QJsonObject stored = QJsonDocument::fromJson(httpGet(url)).array().at(0).toObject();
        QCOMPARE(stored.value(u"type"_s).toString(), u"button_pressed"_s);
        QCOMPARE(stored.value(u"device_id"_s).toString(), u"raspberry-1"_s);
        const QJsonObject expectedDetails = QJsonDocument::fromJson(R"({"event_id": "test-123",
            "source": "sensor-pressure", "data": {"pressure": "high", "duration_ms": 500},
            "original_timestamp": 1734567890.123, "mqtt_topic": "sensor/pressure"})")
                                                .object();
        QCOMPARE(stored.value(u"details"_s).toObject(), expectedDetails);
        bridge->shutdown();
    }

    // HTTPS with a private CA (BACKEND_CAFILE) and MQTT over TLS; without the CA nothing is
    // delivered and everything is kept.
    void httpsBackendWithAPrivateCa()
    {
        MosquittoBroker broker(MosquittoBroker::Options{.tls = true});
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        // The broker fixture's certificate (CA-signed, for 127.0.0.1) serves the server too.
        const QDir certificates(broker.dataDir());
        ServerProcess server({u"--tls-cert"_s, certificates.filePath(u"server.crt"_s),
                              u"--tls-key"_s, certificates.filePath(u"server.key"_s)});
        QVERIFY2(server.start(&error), qPrintable(error));
        QCOMPARE(server.url().scheme(), u"https"_s);

        QTemporaryDir dir;
        {
            Outbox outbox(dir.filePath(u"untrusting.db"_s));
            QVERIFY(outbox.open(Outbox::Sync::Normal, &error));
            OutboxEvent event;
            event.body = R"({"type":"motion_detected","device_id":"d"})";
            event.type = u"motion_detected"_s;
            event.eventId = u"untrusted-1"_s;
            QList<OutboxEvent> events{event};
            QVERIFY(outbox.append(&events, &error));
            Forwarder::Options untrustingOptions;
            untrustingOptions.backendUrl = server.url();
            Forwarder untrusting(&outbox, untrustingOptions);
            QSignalSpy retries(&untrusting, &Forwarder::retryScheduled);
            untrusting.wake();
            QVERIFY(retries.wait(10000));
            QCOMPARE(outbox.depth(), 1);
            QVERIFY2(retries.at(0).at(1).toString().contains(u"certificate"_s, Qt::CaseInsensitive),
                     qPrintable(retries.at(0).at(1).toString()));
        }

        BridgeConfig options;
        options.clientId = u"vigil-bridge-tls-test"_s;
        options.outboxPath = dir.filePath(u"outbox.db"_s);
        options.forwarder.backendUrl = server.url();
        options.forwarder.extraCaCertificates =
            BridgeSettings::caCertificates(broker.caFile(), &error);
        QCOMPARE(options.forwarder.extraCaCertificates.size(), 1);
        Bridge bridge(options);
        bridge.mqttClient()->setHostname(broker.host());
        bridge.mqttClient()->setPort(broker.port());
        bridge.mqttClient()->setCaFile(broker.caFile());
        QSignalSpy subscribed(bridge.mqttClient(), &MqttClient::subscribed);
        QVERIFY2(bridge.start(&error), qPrintable(error));
        QVERIFY(subscribed.wait(10000));
        QVERIFY2(MosquittoBroker::publishWithMosquittoPub(broker, u"sensor/motion"_s,
                                                          GuidePayloads::sensorEvent(u"tls-1"_s), 1,
                                                          false, &error),
                 qPrintable(error));
        g_testCa = options.forwarder.extraCaCertificates;
        QTRY_COMPARE_WITH_TIMEOUT(storedTotal(server), 1, 10000);
        g_testCa.clear();
        bridge.shutdown();
    }

    // kill -9 of the bridge process in the middle of a 10,000-event burst, then a restart:
    // all 10,000 are in the real store, each once.
    // A backlog batch larger than the server takes (MAX_BODY 4096 here): the server cuts the
    // request off with a 413 before Qt buffers it, and the bridge halves its batches until they
    // fit (rather than sending hundreds of events one by one).
    void batchOverTheServersLimitStillArrivesInOrder()
    {
        MosquittoBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        ServerProcess server({u"--max-body"_s, u"4096"_s});
        QVERIFY2(server.start(&error), qPrintable(error));
        server.stop(); // down while the backlog builds; restart() keeps the port
        QTemporaryDir dir;
        const auto bridge =
            BridgeStarter::inProcess(broker, server.url(), u"vigil-bridge-limit-test"_s,
                                     dir.filePath(u"outbox.db"_s), &error);
        QVERIFY2(bridge, qPrintable(error));

        const int total = 600; // about 200 bytes each once converted: a batch is over 69 KiB
        TestPublisher publisher(broker.host(), broker.port());
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        QVERIFY2(publisher.publish(u"sensor/motion"_s,
                                   GuidePayloads::sensorEvents(u"limit"_s, total), &error),
                 qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(bridge->outbox()->depth(), qint64(total), 10000);

        QVERIFY2(server.restart(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(storedEventIds(server).size(), total, 60000);
        QStringList stored = storedEventIds(server);
        std::reverse(stored.begin(), stored.end()); // newest first -> publish order
        QCOMPARE(stored, GuidePayloads::eventIds(u"limit"_s, total));
        QVERIFY(server.output().contains("over the limit"));
        // Halving from 500 events to the ~15 that fit in 4096 bytes takes at most 9 refusals; the
        // rest goes in a few dozen batches, never one by one (a lone last event may be).
        const qint64 refused = answersWithStatus(server, 413);
        const qint64 batches = answersWithStatus(server, 200);
        QVERIFY2(refused >= 1 && refused <= 9, qPrintable(QString::number(refused)));
        QVERIFY2(batches >= 2 && batches <= 100, qPrintable(QString::number(batches)));
        QVERIFY(answersWithStatus(server, 201) <= 1);
        bridge->shutdown();
    }

    // The contract's late alert through the real pipeline: a motion published while armed
    // that the bridge delivers only after the owner disarmed (the bridge was down) is stored as
    // an alert, marked late, and changes no state.
    void eventDeliveredAfterADisarmIsALateAlert()
    {
        MosquittoBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QProcessEnvironment serverEnv;
        serverEnv.insert(u"EXIT_DELAY"_s, u"0"_s);
        ServerProcess server({}, serverEnv);
        QVERIFY2(server.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const auto startBridge = [&] {
            return startedBridge(broker, server, u"vigil-bridge-late"_s,
                                 dir.filePath(u"outbox.db"_s));
        };
        std::unique_ptr<ProgramProcess> bridge = startBridge();
        QVERIFY(bridge);
        TestPublisher publisher(broker.host(), broker.port());
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        const int probes = probeUntilStored(publisher, server);
        QVERIFY(probes > 0);

        HttpTestClient api(server.url());
        const auto armed = api.put(u"/api/alarm"_s, R"({"action": "arm_away"})");
        QCOMPARE(armed.status, 200);
        bridge->kill();
        // It happened 1 ms after the arming, and the disarm comes strictly later: an event of the
        // very millisecond of a disarm is judged by the state after it.
        const qint64 happenedMs =
            QDateTime::fromString(armed.json().object().value(u"changed_at"_s).toString(),
                                  Qt::ISODateWithMs)
                .toMSecsSinceEpoch() +
            1;
        QJsonObject motion =
            QJsonDocument::fromJson(GuidePayloads::sensorEvent(u"late-1"_s)).object();
        motion.insert(u"timestamp"_s, double(happenedMs) / 1000.0);
        QVERIFY2(publisher.publish(u"sensor/motion"_s, QJsonDocument(motion).toJson(), &error),
                 qPrintable(error));
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > happenedMs);
        QCOMPARE(api.put(u"/api/alarm"_s, R"({"action": "disarm"})").status, 200);

        bridge = startBridge();
        QVERIFY(bridge);
        QJsonObject stored;
        QTRY_VERIFY_WITH_TIMEOUT(
            (stored = api.get(u"/api/events?limit=1"_s).json().array().at(0).toObject(),
             stored.value(u"details"_s).toObject().value(u"event_id"_s) == u"late-1"_s),
            15000);
        QVERIFY2(stored.value(u"alert"_s).toBool() && stored.value(u"late"_s).toBool(),
                 QByteArray(QJsonDocument(stored).toJson(QJsonDocument::Compact) +
                            api.get(u"/api/audit"_s).body)
                     .constData());
        QCOMPARE(api.get(u"/api/alarm"_s).json().object().value(u"state"_s).toString(),
                 u"disarmed"_s);
    }

    // Supervision from the house's side: the real bridge's heartbeats, with its BRIDGE_ID and
    // outbox depth, reach GET /api/bridges (through auth: the heartbeat carries the token);
    // a bridge killed with -9 stops them and the server marks it offline.
    void heartbeatsSuperviseTheHouse()
    {
        MosquittoBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        QProcessEnvironment serverEnv;
        serverEnv.insert(u"HEARTBEAT_TIMEOUT"_s, u"2"_s);
        serverEnv.insert(u"API_TOKENS"_s, u"house-token"_s);
        ServerProcess server({}, serverEnv);
        QVERIFY2(server.start(&error), qPrintable(error));
        QTemporaryDir dir;
        auto bridge = BridgeStarter::program(broker, server.url(), u"vigil-bridge-heartbeat"_s,
                                             dir.filePath(u"outbox.db"_s));
        bridge->setEnv(u"BRIDGE_ID"_s, u"house-42"_s);
        bridge->setEnv(u"HEARTBEAT_INTERVAL"_s, u"1"_s);
        bridge->setEnv(u"BACKEND_TOKEN"_s, u"house-token"_s);
        QVERIFY(bridge->start());

        HttpTestClient client(server.url());
        client.setToken("house-token");
        const auto house = [&client] {
            const QJsonArray bridges = client.get(u"/api/bridges"_s).json().array();
            return bridges.isEmpty() ? QJsonObject() : bridges.first().toObject();
        };
        QTRY_COMPARE(house().value(u"bridge_id").toString(), u"house-42"_s);
        QCOMPARE(house().value(u"online").toBool(), true);
        QCOMPARE(house().value(u"outbox_depth").toInteger(-1), 0);
        QCOMPARE(house().value(u"dead_letters").toInteger(-1), 0);
        bridge->kill();
        QTRY_COMPARE_WITH_TIMEOUT(house().value(u"online").toBool(true), false, 10000);
    }

    void killDuringABurstLosesNothing()
    {
        MosquittoBroker broker;
        QString error;
        QVERIFY2(broker.start(&error), qPrintable(error));
        ServerProcess server;
        QVERIFY2(server.start(&error), qPrintable(error));
        QTemporaryDir dir;
        const auto startBridge = [&] {
            return startedBridge(broker, server, u"vigil-bridge-kill-test"_s,
                                 dir.filePath(u"outbox.db"_s));
        };
        std::unique_ptr<ProgramProcess> bridge = startBridge();
        QVERIFY(bridge);

        TestPublisher publisher(broker.host(), broker.port());
        QVERIFY2(publisher.connect(&error), qPrintable(error));
        const int probes = probeUntilStored(publisher, server);
        QVERIFY(probes > 0);

        const int total = 10000;
        QList<QByteArray> burst = GuidePayloads::sensorEvents(u"kill"_s, total);
        // Hand over the first half, kill once the store has some of it, then the rest.
        QVERIFY2(publisher.publish(u"sensor/motion"_s, burst.mid(0, total / 2), &error, 120000),
                 qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(storedTotal(server) > 1000, 30000);
        bridge->kill();
        QCOMPARE(bridge->exitStatus(), QProcess::CrashExit);
        QVERIFY2(publisher.publish(u"sensor/motion"_s, burst.mid(total / 2), &error, 120000),
                 qPrintable(error));
        const qint64 storedAtKill = storedTotal(server);
        qInfo("killed the bridge with %lld events stored", storedAtKill);
        QVERIFY(storedAtKill < total + probes);

        bridge = startBridge();
        QVERIFY(bridge);
        QTRY_VERIFY_WITH_TIMEOUT(withoutProbes(storedEventIds(server)).size() >= total, 60000);
        QStringList stored = withoutProbes(storedEventIds(server));
        stored.sort();
        QStringList expected = GuidePayloads::eventIds(u"kill"_s, total);
        expected.sort();
        QCOMPARE(stored, expected); // all of them, none twice
        QCOMPARE(bridge->stop(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_BridgeServer)
#include "tst_bridgeserver.moc"

// The HTTP API of the real vigil-server binary, route by route and status by status, over
// real HTTP against a real SQLite file (the contract's "Server HTTP API").
#include "guidepayloads.h"
#include "httptestclient.h"
#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace GuidePayloads;

class tst_VigilServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void guideTest2PostThenList();
    void missingDetailsStoredAsEmptyObject();
    void receivedAtIsUtcWithMilliseconds();
    void rejectsBadEvent_data();
    void rejectsBadEvent();
    void duplicateEventIdStoredOnce();
    void eventsWithoutEventIdAreNeverDeduplicated();
    void batchCountsStoredDuplicatesAndRejected();
    void batchOverLimitStoresNothing();
    void listFilters();
    void listRejectsBadParameters_data();
    void listRejectsBadParameters();
    void eventById();
    void modeDefaultsPersistsAndFlagsAlerts();
    void devicesFollowStatusEvents();
    void healthAndMetrics();
    void unknownPathAndWrongMethod_data();
    void unknownPathAndWrongMethod();
    void bodyOverMaxBodyIs413();
    void endlessRequestIsCutOff_data();
    void endlessRequestIsCutOff();
    void frontendServedWithoutToken();
    void eventsAndModeSurviveRestart();
    void bearerTokens();

private:
    int countEvents(const QString &filter = {});

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpTestClient> m_client;
};

void tst_VigilServer::initTestCase()
{
    m_server = std::make_unique<ServerProcess>(QStringList{u"--max-body"_s, u"8192"_s});
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<HttpTestClient>(m_server->url());
}

void tst_VigilServer::cleanupTestCase()
{
    m_client.reset();
    m_server->stop();
    QCOMPARE(m_server->exitCode(), 0);
    QVERIFY(!m_server->output().contains("secret"));
}

int tst_VigilServer::countEvents(const QString &filter)
{
    const auto reply = m_client->get(u"/api/events?limit=1000"_s + filter);
    return int(reply.json().array().size());
}

void tst_VigilServer::guideTest2PostThenList()
{
    const QJsonObject example = guideExample();
    const auto posted = m_client->post(u"/api/events"_s, bytes(example));
    QCOMPARE(posted.status, 201);
    QCOMPARE(posted.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject stored = posted.json().object();
    QVERIFY(stored.value(u"id").toInteger() > 0);
    QCOMPARE(stored.value(u"type").toString(), u"motion_detected"_s);
    QCOMPARE(stored.value(u"device_id").toString(), u"raspberry-1"_s);
    QCOMPARE(stored.value(u"details").toObject(), example.value(u"details").toObject());
    QCOMPARE(stored.value(u"alert").toBool(true), false);

    // "curl http://localhost:8000/api/events — Devrait retourner les événements reçus"
    const auto listed = m_client->get(u"/api/events"_s);
    QCOMPARE(listed.status, 200);
    const QJsonArray events = listed.json().array();
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.first().toObject(), stored);
}

void tst_VigilServer::missingDetailsStoredAsEmptyObject()
{
    const auto posted =
        m_client->post(u"/api/events"_s, R"({"type": "door_opened", "device_id": "hall"})");
    QCOMPARE(posted.status, 201);
    QVERIFY(posted.json().object().value(u"details").isObject());
    QVERIFY(posted.json().object().value(u"details").toObject().isEmpty());
}

void tst_VigilServer::receivedAtIsUtcWithMilliseconds()
{
    const auto posted = m_client->post(u"/api/events"_s, bytes(make(u"ping"_s, u"d"_s)));
    QCOMPARE(posted.status, 201);
    const QString receivedAt = posted.json().object().value(u"received_at").toString();
    static const QRegularExpression format(
        u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s);
    QVERIFY2(format.match(receivedAt).hasMatch(), qPrintable(receivedAt));
    const QDateTime time = QDateTime::fromString(receivedAt, Qt::ISODateWithMs);
    QVERIFY(qAbs(time.msecsTo(QDateTime::currentDateTimeUtc())) < 60000);
}

void tst_VigilServer::rejectsBadEvent_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addRow("not JSON") << QByteArray("{type: motion") << u"body"_s;
    QTest::addRow("empty body") << QByteArray() << u"body"_s;
    QTest::addRow("a string") << QByteArray("\"motion\"") << u"body"_s;
    QTest::addRow("type missing") << QByteArray(R"({"device_id": "d"})") << u"type"_s;
    QTest::addRow("type upper case")
        << QByteArray(R"({"type": "MOTION", "device_id": "d"})") << u"type"_s;
    QTest::addRow("type a number") << QByteArray(R"({"type": 3, "device_id": "d"})") << u"type"_s;
    QTest::addRow("type too long") << bytes(make(QString(65, u'a'), u"d"_s)) << u"type"_s;
    QTest::addRow("device_id missing") << QByteArray(R"({"type": "motion"})") << u"device_id"_s;
    QTest::addRow("device_id empty")
        << QByteArray(R"({"type": "m", "device_id": ""})") << u"device_id"_s;
    QTest::addRow("device_id too long")
        << bytes(make(u"m"_s, QString(129, u'd'))) << u"device_id"_s;
    QTest::addRow("details an array")
        << QByteArray(R"({"type": "m", "device_id": "d", "details": [1]})") << u"details"_s;
    QByteArray deep = R"({"type": "m", "device_id": "d", "details": )";
    deep += QByteArray(40, '[') + QByteArray(40, ']') + '}';
    QTest::addRow("nested too deep") << deep << u"body"_s;
}

void tst_VigilServer::rejectsBadEvent()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const int before = countEvents();
    const auto reply =
        m_client->send("POST", u"/api/events"_s, body, {{"Content-Type", "application/json"}});
    QCOMPARE(reply.status, 400);
    const QString error = reply.json().object().value(u"error").toString();
    QVERIFY2(error.startsWith(field + u':'), qPrintable(error));
    QCOMPARE(countEvents(), before);
}

void tst_VigilServer::duplicateEventIdStoredOnce()
{
    const QJsonObject first = make(u"motion_detected"_s, u"dup-device"_s, u"dup-1"_s);
    const auto created = m_client->post(u"/api/events"_s, bytes(first));
    QCOMPARE(created.status, 201);
    QJsonObject again = first;
    again.insert(u"type"_s, u"button_pressed"_s); // the original wins, whatever the copy says
    const auto duplicate = m_client->post(u"/api/events"_s, bytes(again));
    QCOMPARE(duplicate.status, 200);
    QCOMPARE(duplicate.json().object(), created.json().object());
    QCOMPARE(countEvents(u"&device_id=dup-device"_s), 1);
}

void tst_VigilServer::eventsWithoutEventIdAreNeverDeduplicated()
{
    const QByteArray body = bytes(make(u"heartbeat"_s, u"no-id-device"_s));
    QCOMPARE(m_client->post(u"/api/events"_s, body).status, 201);
    QCOMPARE(m_client->post(u"/api/events"_s, body).status, 201);
    QCOMPARE(countEvents(u"&device_id=no-id-device"_s), 2);
}

void tst_VigilServer::batchCountsStoredDuplicatesAndRejected()
{
    QCOMPARE(m_client->post(u"/api/events"_s, bytes(make(u"m"_s, u"b"_s, u"batch-0"_s))).status,
             201);
    const QJsonArray batch{
        make(u"motion_detected"_s, u"batch-device"_s, u"batch-1"_s), // stored
        make(u"BAD"_s, u"batch-device"_s),                           // rejected
        make(u"motion_detected"_s, u"batch-device"_s, u"batch-1"_s), // duplicate in batch
        make(u"motion_detected"_s, u"batch-device"_s, u"batch-0"_s), // duplicate of stored
        QJsonValue(42),                                              // rejected
        make(u"button_pressed"_s, u"batch-device"_s),                // stored
    };
    const auto reply = m_client->post(u"/api/events"_s, bytes(batch));
    QCOMPARE(reply.status, 200);
    const QJsonObject result = reply.json().object();
    QCOMPARE(result.value(u"stored").toInt(), 2);
    QCOMPARE(result.value(u"duplicates").toInt(), 2);
    const QJsonArray rejected = result.value(u"rejected").toArray();
    QCOMPARE(rejected.size(), 2);
    QCOMPARE(rejected.at(0).toObject().value(u"index").toInt(), 1);
    QVERIFY(rejected.at(0).toObject().value(u"error").toString().startsWith(u"type:"));
    QCOMPARE(rejected.at(1).toObject().value(u"index").toInt(), 4);
    QCOMPARE(countEvents(u"&device_id=batch-device"_s), 2);

    const auto empty = m_client->post(u"/api/events"_s, "[]");
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.json().object().value(u"stored").toInt(-1), 0);
}

void tst_VigilServer::batchOverLimitStoresNothing()
{
    QJsonArray batch;
    for (int i = 0; i < 1001; ++i)
        batch.append(QJsonObject{{u"type"_s, u"m"_s}, {u"device_id"_s, u"big"_s}});
    // The shared server has a small MAX_BODY; a batch this size needs the default 1 MiB.
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient client(server.url());
    const auto reply = client.post(u"/api/events"_s, bytes(batch));
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json().object().value(u"error").toString().contains(u"1000"));
    QCOMPARE(client.get(u"/api/events"_s).json().array().size(), 0);
    batch.removeLast();
    const auto accepted = client.post(u"/api/events"_s, bytes(batch));
    QCOMPARE(accepted.status, 200);
    QCOMPARE(accepted.json().object().value(u"stored").toInt(), 1000);
    // limit above 1000 is taken as 1000
    QCOMPARE(client.get(u"/api/events?limit=5000"_s).json().array().size(), 1000);
    QCOMPARE(client.get(u"/api/events"_s).json().array().size(), 100);
}

void tst_VigilServer::listFilters()
{
    const QJsonArray batch{make(u"filter_a"_s, u"filter-1"_s), make(u"filter_b"_s, u"filter-1"_s),
                           make(u"filter_a"_s, u"filter-2"_s), make(u"filter_a"_s, u"filter-1"_s)};
    QCOMPARE(m_client->post(u"/api/events"_s, bytes(batch)).status, 200);

    const QJsonArray typeA = m_client->get(u"/api/events?type=filter_a"_s).json().array();
    QCOMPARE(typeA.size(), 3);
    // newest first
    QVERIFY(typeA.at(0).toObject().value(u"id").toInteger() >
            typeA.at(1).toObject().value(u"id").toInteger());
    const QJsonArray both =
        m_client->get(u"/api/events?type=filter_a&device_id=filter-1"_s).json().array();
    QCOMPARE(both.size(), 2);
    const qint64 newest = both.at(0).toObject().value(u"id").toInteger();
    const QJsonArray before =
        m_client->get(u"/api/events?type=filter_a&device_id=filter-1&before_id=%1"_s.arg(newest))
            .json()
            .array();
    QCOMPARE(before.size(), 1);
    QCOMPARE(before.at(0).toObject(), both.at(1).toObject());
    QCOMPARE(m_client->get(u"/api/events?type=filter_a&limit=2"_s).json().array().size(), 2);

    QCOMPARE(m_client->get(u"/api/events?type=filter_a&since=0"_s).json().array().size(), 3);
    const QString hourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate);
    QCOMPARE(m_client->get(u"/api/events?type=filter_a&since="_s + hourAgo).json().array().size(),
             3);
    const QString future = QString::number(QDateTime::currentSecsSinceEpoch() + 3600);
    QCOMPARE(m_client->get(u"/api/events?type=filter_a&since="_s + future).json().array().size(),
             0);
    QCOMPARE(m_client->get(u"/api/events?type=filter_a&since=2099-01-01T00:00:00Z"_s)
                 .json()
                 .array()
                 .size(),
             0);
}

void tst_VigilServer::listRejectsBadParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::addRow("limit zero") << u"limit=0"_s << u"limit"_s;
    QTest::addRow("limit text") << u"limit=many"_s << u"limit"_s;
    QTest::addRow("before_id negative") << u"before_id=-3"_s << u"before_id"_s;
    QTest::addRow("since garbage") << u"since=yesterday"_s << u"since"_s;
}

void tst_VigilServer::listRejectsBadParameters()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const auto reply = m_client->get(u"/api/events?"_s + query);
    QCOMPARE(reply.status, 400);
    QVERIFY(reply.json().object().value(u"error").toString().startsWith(field + u':'));
}

void tst_VigilServer::eventById()
{
    const auto posted = m_client->post(u"/api/events"_s, bytes(make(u"by_id"_s, u"d"_s)));
    const qint64 id = posted.json().object().value(u"id").toInteger();
    const auto found = m_client->get(u"/api/events/%1"_s.arg(id));
    QCOMPARE(found.status, 200);
    QCOMPARE(found.json().object(), posted.json().object());
    const auto missing = m_client->get(u"/api/events/999999999"_s);
    QCOMPARE(missing.status, 404);
    QVERIFY(!missing.json().object().value(u"error").toString().isEmpty());
    QCOMPARE(m_client->get(u"/api/events/abc"_s).status, 404);
}

void tst_VigilServer::modeDefaultsPersistsAndFlagsAlerts()
{
    const auto initial = m_client->get(u"/api/mode"_s);
    QCOMPARE(initial.status, 200);
    QCOMPARE(initial.json().object().value(u"mode").toString(), u"active"_s);
    QVERIFY(QDateTime::fromString(initial.json().object().value(u"changed_at").toString(),
                                  Qt::ISODateWithMs)
                .isValid());

    const auto bad = m_client->put(u"/api/mode"_s, R"({"mode": "asleep"})");
    QCOMPARE(bad.status, 400);
    QVERIFY(bad.json().object().value(u"error").toString().startsWith(u"mode:"));
    QCOMPARE(m_client->put(u"/api/mode"_s, "not json").status, 400);

    const auto changed = m_client->put(u"/api/mode"_s, R"({"mode": "surveillance"})");
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.json().object().value(u"mode").toString(), u"surveillance"_s);
    QCOMPARE(m_client->get(u"/api/mode"_s).json().object(), changed.json().object());

    const auto motion = m_client->post(u"/api/events"_s, bytes(make(u"motion_detected"_s, u"d"_s)));
    QCOMPARE(motion.json().object().value(u"alert").toBool(), true);
    const auto button = m_client->post(u"/api/events"_s, bytes(make(u"button_pressed"_s, u"d"_s)));
    QCOMPARE(button.json().object().value(u"alert").toBool(), true);
    const auto other = m_client->post(u"/api/events"_s, bytes(make(u"door_opened"_s, u"d"_s)));
    QCOMPARE(other.json().object().value(u"alert").toBool(true), false);
    // The flag is stored, not computed on read.
    const qint64 motionId = motion.json().object().value(u"id").toInteger();
    QCOMPARE(m_client->put(u"/api/mode"_s, R"({"mode": "active"})").status, 200);
    QCOMPARE(
        m_client->get(u"/api/events/%1"_s.arg(motionId)).json().object().value(u"alert").toBool(),
        true);
    const auto calm = m_client->post(u"/api/events"_s, bytes(make(u"motion_detected"_s, u"d"_s)));
    QCOMPARE(calm.json().object().value(u"alert").toBool(true), false);
}

void tst_VigilServer::devicesFollowStatusEvents()
{
    const QJsonArray batch{make(u"sensor_online"_s, u"dev-pi"_s, {}, u"sensor-motion"_s),
                           make(u"motion_detected"_s, u"dev-pi"_s, {}, u"sensor-motion"_s),
                           make(u"button_pressed"_s, u"dev-pi"_s, {}, u"sensor-pressure"_s)};
    QCOMPARE(m_client->post(u"/api/events"_s, bytes(batch)).status, 200);
    QCOMPARE(m_client
                 ->post(u"/api/events"_s,
                        bytes(make(u"sensor_offline"_s, u"dev-pi"_s, {}, u"sensor-motion"_s)))
                 .status,
             201);
    const auto reply = m_client->get(u"/api/devices"_s);
    QCOMPARE(reply.status, 200);
    QJsonObject motion, pressure;
    for (const QJsonValue &row : reply.json().array()) {
        const QJsonObject object = row.toObject();
        if (object.value(u"device_id").toString() != u"dev-pi")
            continue;
        if (object.value(u"source").toString() == u"sensor-motion")
            motion = object;
        else if (object.value(u"source").toString() == u"sensor-pressure")
            pressure = object;
    }
    QCOMPARE(motion.value(u"online").toBool(true), false);
    QCOMPARE(motion.value(u"last_type").toString(), u"motion_detected"_s);
    QVERIFY(
        QDateTime::fromString(motion.value(u"last_seen").toString(), Qt::ISODateWithMs).isValid());
    QVERIFY(pressure.value(u"online").isNull()); // never saw a status event
    QCOMPARE(pressure.value(u"last_type").toString(), u"button_pressed"_s);
}

void tst_VigilServer::healthAndMetrics()
{
    const auto health = m_client->get(u"/api/health"_s);
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().object().value(u"status").toString(), u"ok"_s);

    const auto metrics = m_client->get(u"/metrics"_s);
    QCOMPARE(metrics.status, 200);
    QVERIFY(metrics.header("Content-Type").startsWith("text/plain"));
    for (const char *name :
         {"vigil_events_stored_total ", "vigil_events_duplicate_total ",
          "vigil_events_rejected_total ", "vigil_http_requests_total{code=\"200\"} ",
          "vigil_http_requests_total{code=\"400\"} ", "vigil_websocket_clients ",
          "vigil_http_request_duration_seconds_bucket{le=\"+Inf\"} "})
        QVERIFY2(metrics.body.contains(name), name);
    static const QRegularExpression stored(u"vigil_events_stored_total (\\d+)"_s);
    QVERIFY(stored.match(QString::fromUtf8(metrics.body)).captured(1).toInt() > 0);
}

void tst_VigilServer::unknownPathAndWrongMethod_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addRow("unknown api") << QByteArray("GET") << u"/api/nothing"_s << 404;
    QTest::addRow("unknown file") << QByteArray("GET") << u"/no-such-file.js"_s << 404;
    QTest::addRow("DELETE events") << QByteArray("DELETE") << u"/api/events"_s << 405;
    QTest::addRow("POST one event") << QByteArray("POST") << u"/api/events/1"_s << 405;
    QTest::addRow("POST mode") << QByteArray("POST") << u"/api/mode"_s << 405;
    QTest::addRow("PUT devices") << QByteArray("PUT") << u"/api/devices"_s << 405;
    QTest::addRow("POST health") << QByteArray("POST") << u"/api/health"_s << 405;
    QTest::addRow("plain GET /ws") << QByteArray("GET") << u"/ws"_s << 400;
}

void tst_VigilServer::unknownPathAndWrongMethod()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(int, status);
    const auto reply = m_client->send(verb, path, verb == "GET" ? QByteArray() : QByteArray("{}"));
    QCOMPARE(reply.status, status);
    QVERIFY(!reply.json().object().value(u"error").toString().isEmpty());
    if (status == 405)
        QVERIFY(!reply.header("Allow").isEmpty());
}

void tst_VigilServer::bodyOverMaxBodyIs413()
{
    QJsonObject big = make(u"big"_s, u"d"_s);
    big.insert(u"details"_s, QJsonObject{{u"padding"_s, QString(9000, u'x')}});
    const int before = countEvents();
    const auto reply = m_client->post(u"/api/events"_s, bytes(big));
    QCOMPARE(reply.status, 413);
    QVERIFY(reply.json().object().value(u"error").toString().contains(u"8192"));
    QCOMPARE(countEvents(), before);
    // the connection and the server are still fine
    QCOMPARE(m_client->get(u"/api/health"_s).status, 200);
}

// Qt 6.4 holds a whole request in memory before the server sees it; a client streaming far more
// than MAX_BODY (8192 here, plus 64 KiB for headers) must be cut off, not buffered.
void tst_VigilServer::endlessRequestIsCutOff_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("filler");
    QTest::newRow("body") << QByteArray("POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                        "Content-Type: application/json\r\n"
                                        "Content-Length: 104857600\r\n\r\n[")
                          << QByteArray("{},");
    QTest::newRow("headers") << QByteArray("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                             << QByteArray("X-Padding: 0123456789abcdef0123456789abcdef\r\n");
}

void tst_VigilServer::endlessRequestIsCutOff()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, filler);
    constexpr qint64 ChunkBytes = 64 * 1024;
    constexpr qint64 GiveUpBytes = 100 * 1024 * 1024;
    QByteArray chunk;
    while (chunk.size() < ChunkBytes)
        chunk += filler;

    // Sends like an HTTP client that watches for an early answer (QNetworkAccessManager, curl):
    // until the server says something.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(head);
    qint64 sent = 0;
    QByteArray answer;
    const QDeadlineTimer deadline(30000);
    while (answer.isEmpty() && socket.state() == QAbstractSocket::ConnectedState &&
           sent < GiveUpBytes && !deadline.hasExpired()) {
        if (socket.bytesToWrite() < 4 * ChunkBytes) {
            socket.write(chunk);
            sent += chunk.size();
        }
        socket.waitForBytesWritten(100); // also reads what the server says
        answer += socket.readAll();
    }
    QVERIFY2(answer.startsWith("HTTP/1.1 413"), qPrintable(u"after %1 bytes: %2"_s.arg(sent).arg(
                                                    QString::fromUtf8(answer.left(200)))));
    // The kernel's buffers take a few MiB before the answer is noticed here. The limit is
    // MAX_BODY (8192) and 64 KiB of headers.
    QVERIFY2(sent < 32 * 1024 * 1024, qPrintable(QString::number(sent)));
    QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("over the limit of 73728"),
                             5000);
    // Whatever it still sends is thrown away; the server closes the connection in the end.
    socket.write(chunk);
    QVERIFY(socket.state() == QAbstractSocket::UnconnectedState ||
            socket.waitForDisconnected(3 * 5000));
    QCOMPARE(m_client->get(u"/api/health"_s).status, 200);
}

void tst_VigilServer::frontendServedWithoutToken()
{
    ServerProcess server({u"--api-tokens"_s, u"secret-token"_s});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient client(server.url());
    const auto page = client.get(u"/"_s);
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("Content-Type").startsWith("text/html"));
    QVERIFY(page.body.contains("<html") || page.body.contains("<!doctype") ||
            page.body.contains("<!DOCTYPE"));
    QCOMPARE(client.get(u"/index.html"_s).body, page.body);
    QCOMPARE(client.get(u"/../../etc/passwd"_s).status, 404);
}

void tst_VigilServer::eventsAndModeSurviveRestart()
{
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient client(server.url());
    const auto created = client.post(u"/api/events"_s, bytes(guideExample()));
    QCOMPARE(created.status, 201);
    const QJsonObject mode =
        client.put(u"/api/mode"_s, R"({"mode": "surveillance"})").json().object();

    QVERIFY2(server.restart(&error), qPrintable(error));
    QCOMPARE(server.exitCode(), 0);
    const QJsonArray events = client.get(u"/api/events"_s).json().array();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().toObject(), created.json().object());
    QCOMPARE(client.get(u"/api/mode"_s).json().object(), mode);
    // still de-duplicated after the restart
    QCOMPARE(client.post(u"/api/events"_s, bytes(guideExample())).status, 200);
}

void tst_VigilServer::bearerTokens()
{
    ServerProcess server({u"--api-tokens"_s, u"first-secret, second-secret"_s});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient client(server.url());

    for (const QString &path :
         {u"/api/events"_s, u"/api/mode"_s, u"/api/devices"_s, u"/metrics"_s, u"/api/events/1"_s}) {
        const auto anonymous = client.get(path);
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.header("WWW-Authenticate"), QByteArray("Bearer"));
        QVERIFY(!anonymous.json().object().value(u"error").toString().isEmpty());
    }
    QCOMPARE(client.post(u"/api/events"_s, bytes(guideExample())).status, 401);
    QCOMPARE(client.get(u"/api/health"_s).status, 200);

    client.setToken("wrong-secret");
    QCOMPARE(client.get(u"/api/events"_s).status, 401);
    client.setToken("first-secre");
    QCOMPARE(client.get(u"/api/events"_s).status, 401);
    client.setToken("first-secret");
    QCOMPARE(client.post(u"/api/events"_s, bytes(guideExample())).status, 201);
    client.setToken("second-secret");
    QCOMPARE(client.get(u"/api/events"_s).json().array().size(), 1);

    server.stop();
    QVERIFY(!server.output().contains("first-secret"));
    QVERIFY(!server.output().contains("second-secret"));
}

QTEST_GUILESS_MAIN(tst_VigilServer)
#include "tst_vigilserver.moc"

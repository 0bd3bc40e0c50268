// The WebSocket side of the real vigil-server: hello, one broadcast per stored event in id
// order, mode changes, slow and unauthorised clients (the contract's "WebSocket /ws").
#include "feedclient.h"
#include "guidepayloads.h"
#include "httptestclient.h"
#include "serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;

using namespace GuidePayloads;

namespace {

QUrl wsUrl(const ServerProcess &server, const QString &query = {})
{
    QUrl url = server.url();
    url.setScheme(url.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    url.setPath(u"/ws"_s);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

int metric(HttpTestClient &client, const QByteArray &name)
{
    const QByteArray body = client.get(u"/metrics"_s).body;
    const QRegularExpression pattern(QRegularExpression::escape(QString::fromLatin1(name)) +
                                     u" (\\d+)"_s);
    return pattern.match(QString::fromUtf8(body)).captured(1).toInt();
}

} // namespace

class tst_LiveFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helloHasModeAndNewestFifty();
    void everyClientGetsEveryEventInOrderDespiteOneThatNeverReads();
    void slowClientIsDropped();
    void deadClientIsClosedAfterUnansweredPing();
    void duplicatesAreBroadcastOnce();
    void modeChangesAreBroadcast();
    void tokenCheckedBeforeUpgrade();
    void upgradeOnOtherPathRefused();
    void clientMessageOver4KiBClosesWith1009_data();
    void clientMessageOver4KiBClosesWith1009();
    void helloStaysWithinWsMaxBuffer();
};

void tst_LiveFeed::helloHasModeAndNewestFifty()
{
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient http(server.url());
    QJsonArray batch;
    for (int i = 0; i < 60; ++i)
        batch.append(make(u"motion_detected"_s, u"hello-%1"_s.arg(i)));
    QCOMPARE(http.post(u"/api/events"_s, bytes(batch)).status, 200);

    FeedClient client;
    client.open(wsUrl(server));
    QTRY_COMPARE_WITH_TIMEOUT(client.messages().size(), 1, 10000);
    const QJsonObject hello = client.messages().first();
    QCOMPARE(hello.value(u"kind").toString(), u"hello"_s);
    QCOMPARE(hello.value(u"mode").toObject(), http.get(u"/api/mode"_s).json().object());
    const QJsonArray events = hello.value(u"events").toArray();
    QCOMPARE(events.size(), 50);
    QCOMPARE(events.first().toObject().value(u"device_id").toString(), u"hello-59"_s);
    QCOMPARE(events.last().toObject().value(u"device_id").toString(), u"hello-10"_s);
    QTRY_COMPARE(metric(http, "vigil_websocket_clients"), 1);
}

void tst_LiveFeed::everyClientGetsEveryEventInOrderDespiteOneThatNeverReads()
{
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient http(server.url());

    // A client that completes the upgrade and then never reads again: its kernel buffers and
    // then the server's send buffer fill up, and that must not slow anyone else down.
    QTcpSocket stalled;
    stalled.setReadBufferSize(1024);
    stalled.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(stalled.waitForConnected(5000));
    stalled.write(RawUpgrade::request(u"/ws"_s, server.port()));
    QTRY_VERIFY(stalled.bytesAvailable() > 0);

    constexpr int ClientCount = 100;
    std::vector<std::unique_ptr<FeedClient>> clients;
    for (int i = 0; i < ClientCount; ++i) {
        clients.push_back(std::make_unique<FeedClient>());
        clients.back()->open(wsUrl(server));
    }
    for (const auto &client : clients)
        QTRY_COMPARE_WITH_TIMEOUT(client->messagesOfKind(u"hello"_s).size(), 1, 20000);
    QTRY_COMPARE(metric(http, "vigil_websocket_clients"), ClientCount + 1);

    // The burst: 1,000 events, as singles and as batches.
    QList<qint64> expected;
    for (int i = 0; i < 100; ++i) {
        const auto reply =
            http.post(u"/api/events"_s, bytes(make(u"motion_detected"_s, u"burst"_s)));
        QCOMPARE(reply.status, 201);
        expected.append(reply.json().object().value(u"id").toInteger());
    }
    for (int b = 0; b < 9; ++b) {
        QJsonArray batch;
        for (int i = 0; i < 100; ++i)
            batch.append(make(u"button_pressed"_s, u"burst"_s));
        QCOMPARE(http.post(u"/api/events"_s, bytes(batch)).json().object().value(u"stored").toInt(),
                 100);
    }
    const QJsonArray stored = http.get(u"/api/events?device_id=burst&limit=1000"_s).json().array();
    QCOMPARE(stored.size(), 1000);
    expected.clear();
    for (qsizetype i = stored.size() - 1; i >= 0; --i)
        expected.append(stored.at(i).toObject().value(u"id").toInteger());

    for (const auto &client : clients)
        QTRY_COMPARE_WITH_TIMEOUT(client->eventIds().size(), 1000, 30000);
    for (const auto &client : clients)
        QCOMPARE(client->eventIds(), expected);
}

void tst_LiveFeed::slowClientIsDropped()
{
    ServerProcess server({u"--ws-max-buffer"_s, u"65536"_s});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient http(server.url());
    QTcpSocket stalled;
    stalled.setReadBufferSize(1024);
    stalled.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(stalled.waitForConnected(5000));
    stalled.write(RawUpgrade::request(u"/ws"_s, server.port()));
    FeedClient reader;
    reader.open(wsUrl(server));
    QTRY_COMPARE(metric(http, "vigil_websocket_clients"), 2);

    // Up to ~16 MB of events in small requests (each far below the bound, so only a real
    // backlog counts): more than the loopback socket buffers hold, so the server's own buffer
    // for the stalled client passes 64 KiB and that client is dropped.
    QJsonObject padded = make(u"motion_detected"_s, u"slow"_s);
    padded.insert(u"details"_s, QJsonObject{{u"padding"_s, QString(2000, u'x')}});
    QJsonArray batch;
    for (int i = 0; i < 20; ++i)
        batch.append(padded);
    int sent = 0;
    for (int b = 0; b < 400 && metric(http, "vigil_websocket_clients") == 2; ++b) {
        QCOMPARE(http.post(u"/api/events"_s, bytes(batch)).status, 200);
        sent += 20;
    }
    QTRY_COMPARE(metric(http, "vigil_websocket_clients"), 1);
    QVERIFY(server.output().contains("does not read"));
    QTRY_COMPARE_WITH_TIMEOUT(reader.eventIds().size(), sent, 30000);
    QVERIFY(reader.isConnected());
}

void tst_LiveFeed::deadClientIsClosedAfterUnansweredPing()
{
    ServerProcess server({u"--ws-ping-interval"_s, u"1"_s});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    // Reads everything but never answers a ping, like a peer that vanished behind a NAT.
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(silent.waitForConnected(5000));
    silent.write(RawUpgrade::request(u"/ws"_s, server.port()));
    connect(&silent, &QTcpSocket::readyRead, &silent, [&silent] { silent.readAll(); });
    FeedClient alive; // QWebSocket answers pings by itself
    alive.open(wsUrl(server));
    QTRY_COMPARE(alive.messagesOfKind(u"hello"_s).size(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 10000);
    QVERIFY(alive.isConnected());
    HttpTestClient http(server.url());
    QCOMPARE(metric(http, "vigil_websocket_clients"), 1);
}

void tst_LiveFeed::duplicatesAreBroadcastOnce()
{
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient http(server.url());
    FeedClient client;
    client.open(wsUrl(server));
    QTRY_COMPARE(client.messagesOfKind(u"hello"_s).size(), 1);

    const QJsonObject once = make(u"motion_detected"_s, u"d"_s, u"only-once"_s);
    QCOMPARE(http.post(u"/api/events"_s, bytes(once)).status, 201);
    QCOMPARE(http.post(u"/api/events"_s, bytes(once)).status, 200);
    const auto batch = http.post(u"/api/events"_s, bytes(QJsonArray{once, once}));
    QCOMPARE(batch.json().object().value(u"duplicates").toInt(), 2);
    const QJsonArray inBatch{make(u"m"_s, u"d"_s, u"twice-in-batch"_s),
                             make(u"m"_s, u"d"_s, u"twice-in-batch"_s)};
    QCOMPARE(http.post(u"/api/events"_s, bytes(inBatch)).json().object().value(u"stored").toInt(),
             1);
    // A last event marks the end: once it is here, everything before it has been sent.
    QCOMPARE(http.post(u"/api/events"_s, bytes(make(u"end"_s, u"d"_s))).status, 201);
    QTRY_COMPARE(client.eventIds().size(), 3);
    const QList<QJsonObject> events = client.messagesOfKind(u"event"_s);
    QCOMPARE(events.at(0)
                 .value(u"event")
                 .toObject()
                 .value(u"details")
                 .toObject()
                 .value(u"event_id")
                 .toString(),
             u"only-once"_s);
    QCOMPARE(events.at(1)
                 .value(u"event")
                 .toObject()
                 .value(u"details")
                 .toObject()
                 .value(u"event_id")
                 .toString(),
             u"twice-in-batch"_s);
}

void tst_LiveFeed::modeChangesAreBroadcast()
{
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient http(server.url());
    FeedClient first, second;
    first.open(wsUrl(server));
    second.open(wsUrl(server));
    QTRY_COMPARE(first.messagesOfKind(u"hello"_s).size(), 1);
    QTRY_COMPARE(second.messagesOfKind(u"hello"_s).size(), 1);
    const auto changed = http.put(u"/api/mode"_s, R"({"mode": "surveillance"})");
    QCOMPARE(changed.status, 200);
    for (FeedClient *client : {&first, &second}) {
        QTRY_COMPARE(client->messagesOfKind(u"mode"_s).size(), 1);
        QCOMPARE(client->messagesOfKind(u"mode"_s).first().value(u"mode").toObject(),
                 changed.json().object());
    }
    // an alert reaches the clients flagged
    QCOMPARE(http.post(u"/api/events"_s, bytes(make(u"motion_detected"_s, u"d"_s))).status, 201);
    QTRY_COMPARE(first.messagesOfKind(u"event"_s).size(), 1);
    QCOMPARE(first.messagesOfKind(u"event"_s)
                 .first()
                 .value(u"event")
                 .toObject()
                 .value(u"alert")
                 .toBool(),
             true);
}

void tst_LiveFeed::tokenCheckedBeforeUpgrade()
{
    ServerProcess server({u"--api-tokens"_s, u"ws-secret"_s});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));

    for (const QString &query : {QString(), u"token=wrong"_s}) {
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, server.port());
        QVERIFY(raw.waitForConnected(5000));
        raw.write(RawUpgrade::request(u"/ws"_s + (query.isEmpty() ? QString() : u"?"_s + query),
                                      server.port()));
        QTRY_VERIFY(raw.canReadLine());
        QCOMPARE(raw.readLine().trimmed(), QByteArray("HTTP/1.1 401 Unauthorized"));
        QTRY_VERIFY(raw.bytesAvailable() > 0 || raw.state() != QAbstractSocket::ConnectedState);
        const QByteArray rest = raw.readAll().toLower();
        QVERIFY(rest.contains("www-authenticate: bearer"));

        FeedClient refused;
        refused.open(wsUrl(server, query));
        QTRY_VERIFY(refused.wasClosed());
        QVERIFY(refused.messages().isEmpty());
    }

    FeedClient allowed;
    allowed.open(wsUrl(server, u"token=ws-secret"_s));
    QTRY_COMPARE(allowed.messagesOfKind(u"hello"_s).size(), 1);
    QVERIFY(!server.output().contains("ws-secret"));
}

void tst_LiveFeed::upgradeOnOtherPathRefused()
{
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(raw.waitForConnected(5000));
    raw.write(RawUpgrade::request(u"/api/events"_s, server.port()));
    QTRY_VERIFY(raw.canReadLine());
    QCOMPARE(raw.readLine().trimmed(), QByteArray("HTTP/1.1 404 Not Found"));
}

void tst_LiveFeed::clientMessageOver4KiBClosesWith1009_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<bool>("closed");
    QTest::addRow("4 KiB") << qsizetype(4096) << false;
    QTest::addRow("4 KiB + 1") << qsizetype(4097) << true;
    // Before the limit the server buffered such a message whole (Qt's default is ~2 GiB).
    QTest::addRow("64 MiB") << qsizetype(64) * 1024 * 1024 << true;
}

void tst_LiveFeed::clientMessageOver4KiBClosesWith1009()
{
    QFETCH(qsizetype, size);
    QFETCH(bool, closed);
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QWebSocket socket;
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    socket.open(wsUrl(server));
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 10000);
    socket.sendTextMessage(QString(size, u'x'));
    // A message that is accepted leaves the connection usable: a mode change still arrives.
    QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
    HttpTestClient http(server.url());
    if (closed) {
        QVERIFY(disconnected.wait(30000));
        QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    } else {
        QCOMPARE(http.put(u"/api/mode"_s, R"({"mode": "surveillance"})"_ba).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), 10000);
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }
}

void tst_LiveFeed::helloStaysWithinWsMaxBuffer()
{
    constexpr int MaxBuffer = 64 * 1024;
    ServerProcess server({u"--ws-max-buffer"_s, QString::number(MaxBuffer)});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient http(server.url());
    // 20 events of ~8 KiB: together more than the buffer a client may hold.
    QJsonArray batch;
    for (int i = 0; i < 20; ++i) {
        QJsonObject padded = make(u"motion_detected"_s, u"big-%1"_s.arg(i));
        padded.insert(u"details"_s, QJsonObject{{u"padding"_s, QString(8000, u'x')}});
        batch.append(padded);
    }
    QCOMPARE(http.post(u"/api/events"_s, bytes(batch)).status, 200);

    QWebSocket socket;
    QByteArray hello;
    connect(&socket, &QWebSocket::textMessageReceived, this, [&hello](const QString &message) {
        if (hello.isEmpty())
            hello = message.toUtf8();
    });
    socket.open(wsUrl(server));
    QTRY_VERIFY_WITH_TIMEOUT(!hello.isEmpty(), 10000);
    QVERIFY2(hello.size() <= MaxBuffer, qPrintable(u"hello of %1 bytes"_s.arg(hello.size())));
    const QJsonArray events = QJsonDocument::fromJson(hello).object().value(u"events").toArray();
    QVERIFY(!events.isEmpty());
    QVERIFY(events.size() < 20);
    QCOMPARE(events.first().toObject().value(u"device_id").toString(), u"big-19"_s);
    QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
}

QTEST_GUILESS_MAIN(tst_LiveFeed)
#include "tst_livefeed.moc"

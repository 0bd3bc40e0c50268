// What a hostile web page can make a browser send to the real vigil-server while auth is off
// (the default on loopback): a "simple" cross-site POST (text/plain, no preflight), a request
// from a foreign Origin (the API and the /ws upgrade), and a DNS-rebound Host. Raw HTTP over a
// QTcpSocket, so that every header (Host, Origin, Content-Type) is exactly what a browser sends.
#include "guidepayloads.h"
#include "httptestclient.h"
#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace GuidePayloads;

namespace {

struct RawReply
{
    int status = 0;
    QByteArray head;
    QByteArray body;

    QString error() const
    {
        return QJsonDocument::fromJson(body).object().value(u"error").toString();
    }
};

// One request on a fresh connection; the answer read up to its Content-Length (a 101 has none).
RawReply exchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray answer;
    static const QRegularExpression lengthPattern(u"content-length:\\s*(\\d+)"_s,
                                                  QRegularExpression::CaseInsensitiveOption);
    const QDeadlineTimer deadline(10000);
    RawReply reply;
    while (!deadline.hasExpired()) {
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const auto match = lengthPattern.match(QString::fromLatin1(answer.left(end)));
            const qint64 length = match.hasMatch() ? match.captured(1).toLongLong() : 0;
            if (answer.size() >= end + 4 + length) {
                reply.status = answer.mid(9, 3).toInt();
                reply.head = answer.left(end);
                reply.body = answer.mid(end + 4, length);
                return reply;
            }
        }
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        answer += socket.readAll();
    }
    return reply;
}

QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &host,
                   const QByteArray &extraHeaders = {}, const QByteArray &body = {})
{
    QByteArray text = method + ' ' + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        text += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return text + "\r\n" + body;
}

QByteArray upgrade(const QByteArray &host, const QByteArray &extraHeaders = {})
{
    return "GET /ws HTTP/1.1\r\nHost: " + host +
           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" +
           extraHeaders + "\r\n";
}

} // namespace

class tst_CrossSiteGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void crossSiteTextPlainPostStoresNothing_data();
    void crossSiteTextPlainPostStoresNothing();
    void jsonWithCharsetIsTaken();
    void foreignOriginIsRefused_data();
    void foreignOriginIsRefused();
    void foreignOriginCannotOpenWebSocket();
    void reboundHostIsRefused_data();
    void reboundHostIsRefused();
    void ownNamesAreAllowed_data();
    void ownNamesAreAllowed();
    void allowedOriginsHostsAndPublicUrl();
    void anyHostWithAuthButNeverAForeignOrigin();

private:
    QByteArray own() const { return "127.0.0.1:" + QByteArray::number(m_server->port()); }
    int countEvents() { return int(m_client->events().size()); }

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpTestClient> m_client;
};

void tst_CrossSiteGuard::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<HttpTestClient>(m_server->url());
}

void tst_CrossSiteGuard::cleanupTestCase()
{
    m_client.reset();
    m_server->stop();
    QCOMPARE(m_server->exitCode(), 0);
}

// <form enctype="text/plain"> and fetch(…, {mode: "no-cors"}) need no preflight: the server
// itself must refuse what is not JSON.
void tst_CrossSiteGuard::crossSiteTextPlainPostStoresNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("contentType");
    const QByteArray event = bytes(make(u"motion_detected"_s, u"csrf"_s));
    QTest::addRow("POST text/plain") << "POST"_ba
                                     << "/api/events"_ba
                                     << "text/plain"_ba;
    QTest::addRow("POST form") << "POST"_ba
                               << "/api/events"_ba
                               << "application/x-www-form-urlencoded"_ba;
    QTest::addRow("POST multipart") << "POST"_ba
                                    << "/api/events"_ba
                                    << "multipart/form-data; boundary=x"_ba;
    QTest::addRow("POST none") << "POST"_ba
                               << "/api/events"_ba << QByteArray();
    QTest::addRow("POST json lookalike") << "POST"_ba
                                         << "/api/events"_ba
                                         << "application/jsonx"_ba;
    QTest::addRow("POST text/json") << "POST"_ba
                                    << "/api/events"_ba
                                    << "text/json"_ba;
    QTest::addRow("PUT text/plain") << "PUT"_ba
                                    << "/api/mode"_ba
                                    << "text/plain"_ba;
}

void tst_CrossSiteGuard::crossSiteTextPlainPostStoresNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, contentType);
    const int before = countEvents();
    const QByteArray body = path == "/api/mode" ? R"({"mode": "surveillance"})"_ba
                                                : bytes(make(u"motion_detected"_s, u"csrf"_s));
    const QByteArray header =
        contentType.isEmpty() ? QByteArray() : "Content-Type: " + contentType + "\r\n";
    const RawReply reply = exchange(m_server->port(), request(method, path, own(), header, body));
    QCOMPARE(reply.status, 415);
    QVERIFY2(reply.error().contains(u"application/json"), qPrintable(reply.error()));
    QCOMPARE(countEvents(), before);
    QCOMPARE(m_client->get(u"/api/mode"_s).json().object().value(u"mode").toString(), u"active"_s);
}

void tst_CrossSiteGuard::jsonWithCharsetIsTaken()
{
    QCOMPARE(exchange(m_server->port(),
                      request("POST", "/api/events", own(), "Content-Type: application/json\r\n",
                              bytes(make(u"motion_detected"_s, u"plain"_s))))
                 .status,
             201);
    const RawReply reply =
        exchange(m_server->port(), request("POST", "/api/events", own(),
                                           "Content-Type: Application/JSON; charset=utf-8\r\n",
                                           bytes(make(u"motion_detected"_s, u"charset"_s))));
    QCOMPARE(reply.status, 201);
}

void tst_CrossSiteGuard::foreignOriginIsRefused_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("origin");
    QTest::addRow("POST evil") << "POST"_ba
                               << "/api/events"_ba
                               << "http://evil.example"_ba;
    QTest::addRow("GET evil") << "GET"_ba
                              << "/api/events"_ba
                              << "http://evil.example"_ba;
    QTest::addRow("GET null") << "GET"_ba
                              << "/api/mode"_ba
                              << "null"_ba;
    QTest::addRow("other port") << "GET"_ba
                                << "/api/events"_ba
                                << "http://127.0.0.1:1"_ba;
    QTest::addRow("other scheme") << "GET"_ba
                                  << "/api/events"_ba
                                  << "https://127.0.0.1:PORT"_ba;
    QTest::addRow("PUT evil") << "PUT"_ba
                              << "/api/mode"_ba
                              << "https://evil.example"_ba;
}

void tst_CrossSiteGuard::foreignOriginIsRefused()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, origin);
    origin.replace("PORT", QByteArray::number(m_server->port()));
    const int before = countEvents();
    const QByteArray body = method == "GET"       ? QByteArray()
                            : path == "/api/mode" ? R"({"mode": "surveillance"})"_ba
                                                  : bytes(make(u"motion_detected"_s, u"x"_s));
    const RawReply reply =
        exchange(m_server->port(),
                 request(method, path, own(),
                         "Origin: " + origin + "\r\nContent-Type: application/json\r\n", body));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.error(), u"origin not allowed"_s);
    QVERIFY(!reply.head.toLower().contains("access-control-"));
    QCOMPARE(countEvents(), before);
    QCOMPARE(m_client->get(u"/api/mode"_s).json().object().value(u"mode").toString(), u"active"_s);

    // The page's own origin (what a browser sends with fetch from the page) is fine.
    const RawReply same = exchange(
        m_server->port(), request("GET", "/api/events", own(), "Origin: http://" + own() + "\r\n"));
    QCOMPARE(same.status, 200);
    QVERIFY(!same.head.toLower().contains("access-control-"));
}

// Any page may open a WebSocket anywhere: the browser only sends its Origin along.
void tst_CrossSiteGuard::foreignOriginCannotOpenWebSocket()
{
    const RawReply refused =
        exchange(m_server->port(), upgrade(own(), "Origin: http://evil.example\r\n"));
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.error(), u"origin not allowed"_s);
    const RawReply accepted =
        exchange(m_server->port(), upgrade(own(), "Origin: http://" + own() + "\r\n"));
    QCOMPARE(accepted.status, 101);
}

// DNS rebinding: evil.example first resolves to the attacker, then to 127.0.0.1; the browser
// then sends the attacker's name as Host, and its Origin is the attacker's, hence "same origin".
void tst_CrossSiteGuard::reboundHostIsRefused_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addRow("name and port") << "rebind.evil.example:PORT"_ba;
    QTest::addRow("name") << "rebind.evil.example"_ba;
    QTest::addRow("localhost lookalike") << "localhost.evil.example:PORT"_ba;
}

void tst_CrossSiteGuard::reboundHostIsRefused()
{
    QFETCH(QByteArray, host);
    host.replace("PORT", QByteArray::number(m_server->port()));
    const QByteArray origin = "Origin: http://" + host + "\r\n";
    QCOMPARE(exchange(m_server->port(), request("GET", "/api/events", host)).status, 403);
    const RawReply put =
        exchange(m_server->port(),
                 request("PUT", "/api/mode", host, origin + "Content-Type: application/json\r\n",
                         R"({"mode": "surveillance"})"));
    QCOMPARE(put.status, 403);
    QVERIFY2(put.error().contains(u"ALLOWED_HOSTS"), qPrintable(put.error()));
    QCOMPARE(m_client->get(u"/api/mode"_s).json().object().value(u"mode").toString(), u"active"_s);
    QCOMPARE(exchange(m_server->port(), upgrade(host, origin)).status, 403);
}

void tst_CrossSiteGuard::ownNamesAreAllowed_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addRow("127.0.0.1") << "127.0.0.1:PORT"_ba;
    QTest::addRow("localhost") << "localhost:PORT"_ba;
    QTest::addRow("LOCALHOST") << "LOCALHOST:PORT"_ba;
    QTest::addRow("::1") << "[::1]:PORT"_ba;
    QTest::addRow("host name, other port") << QHostInfo::localHostName().toUtf8() + ":8080";
}

void tst_CrossSiteGuard::ownNamesAreAllowed()
{
    QFETCH(QByteArray, host);
    host.replace("PORT", QByteArray::number(m_server->port()));
    QCOMPARE(exchange(m_server->port(), request("GET", "/api/events", host)).status, 200);
    QCOMPARE(exchange(m_server->port(), upgrade(host, "Origin: http://" + host + "\r\n")).status,
             101);
}

void tst_CrossSiteGuard::allowedOriginsHostsAndPublicUrl()
{
    ServerProcess server({u"--allowed-origins"_s, u"https://app.example, http://other.example:81"_s,
                          u"--allowed-hosts"_s, u"vigil.lan,Alarm.Home"_s, u"--public-url"_s,
                          u"https://vigil.example.org/"_s});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const quint16 port = server.port();
    const QByteArray local = "127.0.0.1:" + QByteArray::number(port);
    for (const QByteArray &origin :
         {"https://app.example"_ba, "http://other.example:81"_ba, "https://vigil.example.org"_ba,
          "https://vigil.example.org:443"_ba})
        QVERIFY2(exchange(port, request("GET", "/api/events", local, "Origin: " + origin + "\r\n"))
                         .status == 200,
                 origin.constData());
    QCOMPARE(exchange(port, upgrade(local, "Origin: https://app.example\r\n")).status, 101);
    QCOMPARE(
        exchange(port, request("GET", "/api/events", local, "Origin: https://app.example.x\r\n"))
            .status,
        403);
    for (const QByteArray &host :
         {"vigil.lan"_ba, "vigil.lan:8000"_ba, "alarm.home"_ba, "vigil.example.org"_ba})
        QVERIFY2(exchange(port, request("GET", "/api/events", host)).status == 200,
                 host.constData());
    QCOMPARE(exchange(port, request("GET", "/api/events", "evil.lan")).status, 403);
    server.stop();
}

// With tokens, a rebound page cannot read anything (it has no token): any Host is fine. A
// foreign Origin is still refused, token or not.
void tst_CrossSiteGuard::anyHostWithAuthButNeverAForeignOrigin()
{
    ServerProcess server({u"--api-tokens"_s, u"t0ken"_s});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QByteArray auth = "Authorization: Bearer t0ken\r\n";
    QCOMPARE(
        exchange(server.port(), request("GET", "/api/events", "vigil.example.net", auth)).status,
        200);
    QCOMPARE(exchange(server.port(), upgrade("vigil.example.net", auth)).status, 101);
    QCOMPARE(exchange(server.port(), request("GET", "/api/events", "vigil.example.net",
                                             auth + "Origin: http://evil.example\r\n"))
                 .status,
             403);
    QCOMPARE(exchange(server.port(),
                      upgrade("vigil.example.net", auth + "Origin: http://evil.example\r\n"))
                 .status,
             403);
    server.stop();
}

QTEST_GUILESS_MAIN(tst_CrossSiteGuard)
#include "tst_crosssiteguard.moc"

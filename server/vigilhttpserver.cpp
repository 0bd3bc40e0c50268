#include "vigilhttpserver.h"

#include "requestsizeguard.h"
#include "routegroup.h"
#include "servermetrics.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcHttp, "vigil.server.http")

namespace {

const QString WebSocketPath = QStringLiteral("/ws");

qint64 nowNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return clock.nsecsElapsed();
}

// Everything but the health check and the frontend's files needs the token.
bool needsToken(const QString &path)
{
    if (path == u"/api/health")
        return false;
    return path.startsWith(u"/api/") || path == u"/api" || path == u"/metrics" ||
           path == WebSocketPath;
}

HttpReply unauthorized()
{
    HttpReply reply = HttpReply::error(401, QStringLiteral("missing or wrong token"));
    reply.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
    return reply;
}

} // namespace

VigilHttpServer::VigilHttpServer(AuthGuard guard, qint64 maxBody, ServerMetrics *metrics,
                                 QObject *parent)
    : QAbstractHttpServer(parent)
    , m_guard(std::move(guard))
    , m_maxBody(maxBody)
    , m_metrics(metrics)
{}

VigilHttpServer::~VigilHttpServer() = default;

void VigilHttpServer::addRoutes(std::unique_ptr<RouteGroup> group)
{
    m_groups.push_back(std::move(group));
}

bool VigilHttpServer::isWebSocketUpgrade(const QHttpServerRequest &request) const
{
    return request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) ==
           0;
}

bool VigilHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 started = nowNs();
    if (isWebSocketUpgrade(request)) {
        // true (writing nothing) lets Qt 6.4 hand the socket to the WebSocket server; false
        // sends it to missingHandler(), which answers and closes.
        const bool accepted =
            request.url().path() == WebSocketPath && m_guard.allows(request, true);
        if (accepted)
            m_metrics->countRequest(101, double(nowNs() - started) / 1e9);
        return accepted;
    }
    write(request, socket, route(request), started);
    return true;
}

void VigilHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 started = nowNs();
    if (isWebSocketUpgrade(request) && request.url().path() == WebSocketPath) {
        qCInfo(lcHttp) << "WebSocket upgrade refused from" << request.remoteAddress().toString()
                       << "- missing or wrong token";
        write(request, socket, unauthorized(), started);
        return;
    }
    write(request, socket, HttpReply::notFound(), started);
}

HttpReply VigilHttpServer::route(const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    // Qt 6.4 has already read the body by now; the limit still keeps oversized bodies away
    // from the JSON parser and the store. The declared length is checked too, so that a client
    // that announces too much is told so even if it sent less.
    const qint64 declared = request.value(QByteArrayLiteral("content-length")).toLongLong();
    if (declared > m_maxBody || request.body().size() > m_maxBody)
        return HttpReply::error(
            413, QStringLiteral("body: over the limit of %1 bytes (MAX_BODY)").arg(m_maxBody));
    if (needsToken(path) && !m_guard.allows(request, path == WebSocketPath))
        return unauthorized();
    if (path == WebSocketPath)
        return HttpReply::error(400, QStringLiteral("/ws expects a WebSocket upgrade"));
    for (const auto &group : m_groups) {
        if (std::optional<HttpReply> reply = group->handle(request, path))
            return std::move(*reply);
    }
    return HttpReply::notFound();
}

void VigilHttpServer::write(const QHttpServerRequest &request, QTcpSocket *socket,
                            const HttpReply &reply, qint64 startedNs)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    if (!reply.contentType.isEmpty())
        responder.writeHeader(QByteArrayLiteral("Content-Type"), reply.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"),
                          QByteArray::number(reply.body.size()));
    for (const auto &header : reply.headers)
        responder.writeHeader(header.first, header.second);
    responder.writeBody(reply.body);
    RequestSizeGuard::answered(socket);
    m_metrics->countRequest(reply.status, double(nowNs() - startedNs) / 1e9);
    if (reply.status >= 500)
        qCWarning(lcHttp) << request.method() << request.url().path() << reply.status;
    else
        qCDebug(lcHttp) << request.method() << request.url().path() << reply.status;
}

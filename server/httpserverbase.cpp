#include "httpserverbase.h"

#include "replywriter.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpServerWebSocketUpgradeResponse>
#endif

using namespace Qt::StringLiterals;

namespace {

HttpServerBase::RequestLine lineOf(const QHttpServerRequest &request)
{
    return {request.method(), request.url().path()};
}

qint64 nowNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return clock.nsecsElapsed();
}

} // namespace

HttpServerBase::HttpServerBase(QObject *parent)
    : QAbstractHttpServer(parent)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    // 6.8 asks the verifiers before handleRequest(); one that passes sends the request to
    // missingHandler(), which answers with refusal() and closes.
    addWebSocketUpgradeVerifier(this, [this](const QHttpServerRequest &request) {
        return acceptWebSocket(request) ? QHttpServerWebSocketUpgradeResponse::accept()
                                        : QHttpServerWebSocketUpgradeResponse::passToNext();
    });
#endif
}

void HttpServerBase::send(QHttpServerResponder &responder, const RequestLine &request,
                          const HttpReply &reply, qint64 startedNs,
                          const QPointer<QTcpSocket> &socket)
{
    if (reply.deferred) {
        // Both Qt versions let a responder outlive handleRequest(): QHttpServer's own QFuture
        // routes do the same. 6.8 keeps the connection until the responder is gone; 6.4 does
        // not, so there the socket is checked before writing.
        auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
        const bool watchSocket = !socket.isNull();
        reply.deferred->then(
            this, [this, held, request, startedNs, socket, watchSocket](const HttpReply &ready) {
                if (watchSocket && socket.isNull())
                    return;
                send(*held, request, ready, startedNs, socket);
            });
        return;
    }
    ReplyWriter::write(responder, reply);
    replied(request, reply, nowNs() - startedNs);
}

#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)

namespace {

// Qt 6.4 calls handleRequest() for upgrades too: the Upgrade header is what tells them apart.
bool isWebSocketUpgrade(const QHttpServerRequest &request)
{
    return request.value("upgrade"_ba).compare("websocket", Qt::CaseInsensitive) == 0;
}

} // namespace

bool HttpServerBase::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 started = nowNs();
    // true (writing nothing) lets Qt 6.4 hand the socket to the WebSocket server; false sends
    // it to missingHandler().
    if (isWebSocketUpgrade(request))
        return acceptWebSocket(request);
    QHttpServerResponder responder = makeResponder(request, socket);
    send(responder, lineOf(request), answer(request), started, socket);
    return true;
}

void HttpServerBase::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const qint64 started = nowNs();
    QHttpServerResponder responder = makeResponder(request, socket);
    send(responder, lineOf(request), refusal(request), started);
}

#else

bool HttpServerBase::handleRequest(const QHttpServerRequest &request,
                                   QHttpServerResponder &responder)
{
    const qint64 started = nowNs();
    send(responder, lineOf(request), answer(request), started);
    return true;
}

void HttpServerBase::missingHandler(const QHttpServerRequest &request,
                                    QHttpServerResponder &responder)
{
    const qint64 started = nowNs();
    send(responder, lineOf(request), refusal(request), started);
    // 6.8 only calls this for an upgrade that no verifier accepted, and then closes the
    // connection and deletes its socket as soon as the responder is gone, before the event loop
    // has sent what was written: the refusal would never arrive. Push it out now.
    for (QTcpSocket *socket : findChildren<QTcpSocket *>()) {
        if (socket->peerPort() == request.remotePort() &&
            socket->peerAddress() == request.remoteAddress()) {
            socket->flush();
            break;
        }
    }
}

#endif

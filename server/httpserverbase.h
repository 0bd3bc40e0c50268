#pragma once

#include "httpreply.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QPointer>
#include <QString>
#include <QtGlobal>

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0) && QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
#error "vigil-server is built with Qt 6.4 (Debian 12) or Qt 6.8 and later (Debian 13)"
#endif

class QHttpServerResponder;
class QTcpSocket;

// The one place that knows how QAbstractHttpServer's hooks differ between Qt 6.4 (Debian 12)
// and Qt 6.8 (Debian 13): 6.4 hands each request over with its socket, lets a WebSocket upgrade
// through when handleRequest() returns true without writing, and has makeResponder(); 6.8 hands
// over a responder and asks a separate verifier about upgrades. Subclasses answer in one
// version-free shape: a yes or no for an upgrade, an HttpReply for everything else. A deferred
// HttpReply (HttpReply::later) keeps the responder until its future is ready; on 6.4 it is only
// written if the client's socket still exists by then.
class HttpServerBase : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit HttpServerBase(QObject *parent = nullptr);

    // What replied() is told about a request, which may be gone by then (a deferred reply).
    struct RequestLine
    {
        QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
        QString path;
    };

protected:
    // A WebSocket upgrade: true hands the socket to the WebSocket server (newWebSocketConnection),
    // false answers it with refusal().
    virtual bool acceptWebSocket(const QHttpServerRequest &request) = 0;
    virtual HttpReply refusal(const QHttpServerRequest &request) = 0;
    // Every other request.
    virtual HttpReply answer(const QHttpServerRequest &request) = 0;
    // Called once the reply is written; `elapsedNs` from the request's hand-over.
    virtual void replied(const RequestLine &request, const HttpReply &reply, qint64 elapsedNs) = 0;

#if QT_VERSION < QT_VERSION_CHECK(6, 8, 0)
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#else
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request,
                        QHttpServerResponder &responder) override;
#endif

private:
    // `socket` (6.4 only; null on 6.8) tells a deferred reply whether its client is still there.
    void send(QHttpServerResponder &responder, const RequestLine &request, const HttpReply &reply,
              qint64 startedNs, const QPointer<QTcpSocket> &socket = {});
};

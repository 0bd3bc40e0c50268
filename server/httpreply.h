#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

template <typename T> class QFuture;

// One HTTP response as the route groups build it; VigilHttpServer writes it to the socket and
// counts it. A plain value; any thread. A reply can also be a promise of one (later(): a code
// check that hashes off the event loop), which HttpServerBase writes when it is ready.
struct HttpReply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers (Allow, WWW-Authenticate…)
    std::shared_ptr<QFuture<HttpReply>> deferred; // set: the real reply comes from this future

    static HttpReply json(int status, const QJsonValue &value);
    static HttpReply error(int status, const QString &message); // {"error": message}
    static HttpReply methodNotAllowed(const QByteArray &allowed);
    static HttpReply notFound();
    // A reply that is written once `future` has its result (on the server's thread); a future
    // that ends without one (cancelled) leaves the request to the connection's timeouts.
    static HttpReply later(QFuture<HttpReply> future);

    // The reply as raw HTTP/1.1 bytes with `Connection: close`, for the guards that answer on
    // the socket themselves (an oversized or a timed-out request) before or instead of Qt.
    QByteArray closingResponse(const QByteArray &reasonPhrase) const;
};

#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

// One HTTP response as the route groups build it; VigilHttpServer writes it to the socket and
// counts it. A plain value; any thread.
struct HttpReply
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers (Allow, WWW-Authenticate…)

    static HttpReply json(int status, const QJsonValue &value);
    static HttpReply error(int status, const QString &message); // {"error": message}
    static HttpReply methodNotAllowed(const QByteArray &allowed);
    static HttpReply notFound();

    // The reply as raw HTTP/1.1 bytes with `Connection: close`, for the guards that answer on
    // the socket themselves (an oversized or a timed-out request) before or instead of Qt.
    QByteArray closingResponse(const QByteArray &reasonPhrase) const;
};

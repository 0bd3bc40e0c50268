#pragma once

#include <QObject>

class QTcpSocket;
class ServerMetrics;

// Caps what one HTTP client can make the server hold. QAbstractHttpServer (6.4 and 6.8) keeps a
// whole request, body included, in memory before handleRequest() can answer 413, so a client
// (even one without a token: the token is checked after) could stream gigabytes into a Pi's
// memory. The guard counts the bytes that arrive on a connection between two answers; past the
// cap it answers 413 itself and from then on throws away what the client still sends, so that
// the client can read the answer (closing at once would reset the connection under it), until
// the client closes or DrainMs have passed. Whatever the server writes on the connection is an
// answer, so the count starts again from zero each time bytes go out (a signal both Qt 6.4 and
// 6.8 give, unlike a hook after each reply). QAbstractHttpServer drops every
// connection of a socket it hands to the WebSocket server, this one included, so WebSocket
// traffic is not counted (QWebSocket has limits of its own).
class RequestSizeGuard final : public QObject
{
    Q_OBJECT
public:
    // The guard lives as long as the socket (its child).
    static void watch(QTcpSocket *socket, qint64 maxRequestBytes, ServerMetrics *metrics);

    static constexpr int DrainMs = 5000;

private:
    RequestSizeGuard(QTcpSocket *socket, qint64 maxRequestBytes, ServerMetrics *metrics);
    void onReadyRead();
    void onBytesWritten() { m_received = 0; }
    void refuse();
    void discardInput();

    QTcpSocket *m_socket;
    qint64 m_maxRequestBytes;
    ServerMetrics *m_metrics;
    qint64 m_received = 0;
};

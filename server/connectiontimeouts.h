#pragma once

#include <QObject>
#include <QTimer>

class QTcpSocket;
class ServerMetrics;

// The two clocks of one HTTP connection: a connection that holds no request in progress is
// closed after `idleMs` (IDLE_TIMEOUT), and a request not complete within `requestMs`
// (REQUEST_TIMEOUT) is answered 408 and the connection closed, so that neither an idle client
// nor a slow one (a few bytes a minute) holds a connection for ever. As in RequestSizeGuard,
// bytes arriving start a request and bytes going out (an answer) end it. A socket upgraded to
// a WebSocket (QAbstractHttpServer then drops every connection of the socket, ours included)
// is the live feed's, which pings its clients itself: the clocks stop. Lives as long as the
// socket (its child); main thread.
class ConnectionTimeouts final : public QObject
{
    Q_OBJECT
public:
    static void watch(QTcpSocket *socket, int idleMs, int requestMs, ServerMetrics *metrics);

private:
    ConnectionTimeouts(QTcpSocket *socket, int idleMs, int requestMs, ServerMetrics *metrics);
    void onReadyRead();
    void onBytesWritten();
    bool stillHttp(); // false once the socket became a WebSocket
    void closeIdle();
    void refuseSlowRequest();

    QTcpSocket *m_socket;
    ServerMetrics *m_metrics;
    QTimer m_idleTimer;
    QTimer m_requestTimer;
    QMetaObject::Connection m_readConnection;
    bool m_inRequest = false;
};

#include "connectiontimeouts.h"

#include "httpreply.h"
#include "servermetrics.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTimeouts, "vigil.server.connections")

ConnectionTimeouts::ConnectionTimeouts(QTcpSocket *socket, int idleMs, int requestMs,
                                       ServerMetrics *metrics)
    : QObject(socket)
    , m_socket(socket)
    , m_metrics(metrics)
{
    m_idleTimer.setSingleShot(true);
    m_idleTimer.setInterval(idleMs);
    m_requestTimer.setSingleShot(true);
    m_requestTimer.setInterval(requestMs);
    connect(&m_idleTimer, &QTimer::timeout, this, &ConnectionTimeouts::closeIdle);
    connect(&m_requestTimer, &QTimer::timeout, this, &ConnectionTimeouts::refuseSlowRequest);
    m_readConnection =
        connect(socket, &QIODevice::readyRead, this, &ConnectionTimeouts::onReadyRead);
    connect(socket, &QIODevice::bytesWritten, this, &ConnectionTimeouts::onBytesWritten);
    // A client that connects and says nothing (or never finishes a TLS handshake) is idle.
    m_idleTimer.start();
}

void ConnectionTimeouts::watch(QTcpSocket *socket, int idleMs, int requestMs,
                               ServerMetrics *metrics)
{
    new ConnectionTimeouts(socket, idleMs, requestMs, metrics);
}

void ConnectionTimeouts::onReadyRead()
{
    if (m_inRequest)
        return;
    m_inRequest = true;
    m_idleTimer.stop();
    m_requestTimer.start();
}

void ConnectionTimeouts::onBytesWritten()
{
    // An answer went out: the request is over (the client may send the next one).
    m_inRequest = false;
    m_requestTimer.stop();
    m_idleTimer.start();
}

bool ConnectionTimeouts::stillHttp()
{
    if (m_readConnection)
        return true;
    m_idleTimer.stop();
    m_requestTimer.stop();
    return false;
}

void ConnectionTimeouts::closeIdle()
{
    if (!stillHttp())
        return;
    qCDebug(lcTimeouts) << "closing an idle connection from" << m_socket->peerAddress().toString();
    m_socket->disconnectFromHost();
}

void ConnectionTimeouts::refuseSlowRequest()
{
    if (!stillHttp())
        return;
    // Nobody parses this socket any more: what the client still sends is not a request.
    disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    const HttpReply reply = HttpReply::error(
        408, u"request: not complete within %1 s (REQUEST_TIMEOUT); the connection is "
             "closed"_s.arg(m_requestTimer.interval() / 1000));
    m_socket->write(reply.closingResponse("Request Timeout"_ba));
    m_socket->disconnectFromHost();
    m_metrics->countRequest(408, 0);
    qCInfo(lcTimeouts).noquote() << u"answered 408 to %1: the request took longer than %2 ms"_s
                                        .arg(m_socket->peerAddress().toString())
                                        .arg(m_requestTimer.interval());
}

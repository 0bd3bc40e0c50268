#include "requestsizeguard.h"

#include "httpreply.h"
#include "servermetrics.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSizeGuard, "vigil.server.http")

RequestSizeGuard::RequestSizeGuard(QTcpSocket *socket, qint64 maxRequestBytes,
                                   ServerMetrics *metrics)
    : QObject(socket)
    , m_socket(socket)
    , m_maxRequestBytes(maxRequestBytes)
    , m_metrics(metrics)
{
    connect(socket, &QIODevice::readyRead, this, &RequestSizeGuard::onReadyRead);
    connect(socket, &QIODevice::bytesWritten, this, &RequestSizeGuard::onBytesWritten);
}

void RequestSizeGuard::watch(QTcpSocket *socket, qint64 maxRequestBytes, ServerMetrics *metrics)
{
    new RequestSizeGuard(socket, maxRequestBytes, metrics);
}

void RequestSizeGuard::onReadyRead()
{
    // Runs before QAbstractHttpServer's handler, which reads all that has arrived: what is
    // available now is what came since the last read.
    m_received += m_socket->bytesAvailable();
    if (m_received > m_maxRequestBytes)
        refuse();
}

void RequestSizeGuard::refuse()
{
    // Nobody else reads this socket from here on (QAbstractHttpServer's handler comes next in
    // this very signal and is skipped); its clean-up on disconnection stays.
    disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    connect(m_socket, &QIODevice::readyRead, this, &RequestSizeGuard::discardInput);
    discardInput();
    m_socket->write(
        HttpReply::error(413, u"request: over the limit of %1 bytes (MAX_BODY and "
                              "headers); the connection is closed"_s.arg(m_maxRequestBytes))
            .closingResponse("Payload Too Large"_ba));
    QTimer::singleShot(DrainMs, m_socket, &QAbstractSocket::abort);
    m_metrics->countRequest(413, 0);
    qCInfo(lcSizeGuard).noquote()
        << u"refused a request from %1: %2 bytes without a complete request, "
           "over the limit of %3"_s.arg(m_socket->peerAddress().toString())
               .arg(m_received)
               .arg(m_maxRequestBytes);
}

// Drops the partial request Qt holds in the socket's buffer and whatever else arrives.
void RequestSizeGuard::discardInput()
{
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());
}

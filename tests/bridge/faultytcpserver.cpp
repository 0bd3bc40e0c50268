#include "faultytcpserver.h"

#include <QTcpSocket>

#include <sys/socket.h>

FaultyTcpServer::FaultyTcpServer(QObject *parent)
    : QTcpServer(parent)
{}

FaultyTcpServer::~FaultyTcpServer()
{
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_held))
        delete socket.data();
}

void FaultyTcpServer::incomingConnection(qintptr socketDescriptor)
{
    if (m_mode == Mode::Pass) {
        QTcpServer::incomingConnection(socketDescriptor);
        return;
    }
    // Not a child of this server: QHttpServer must never see it.
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    m_held.append(socket);
    ++m_spoiled;
    if (m_mode == Mode::Silent) {
        Q_EMIT connectionSpoiled();
        return;
    }
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        // SO_LINGER 0: closing sends RST instead of FIN, "connection reset by peer".
        const linger reset{1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        socket->abort();
        socket->deleteLater();
        Q_EMIT connectionSpoiled();
    });
}

#include "testfeed.h"

#include "feedparser.h"
#include "serverconnection.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

void TestFeed::send(ServerConnection *connection, const QString &message)
{
    connection->feed()->handleMessage(message);
}

int TestFeed::startTrap()
{
    if (!m_trap.isListening()) {
        connect(&m_trap, &QTcpServer::newConnection, this, &TestFeed::acceptTrapped);
        if (!m_trap.listen(QHostAddress::LocalHost, 0))
            return 0;
    }
    return m_trap.serverPort();
}

void TestFeed::acceptTrapped()
{
    while (QTcpSocket *socket = m_trap.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine())
                return;
            // "GET /path HTTP/1.1": the path is what was fetched.
            const QList<QByteArray> words = socket->readLine().trimmed().split(' ');
            m_trapped.append(QString::fromUtf8(words.value(1)));
            socket->write(
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    }
}

#include "freeport.h"

#include <QHostAddress>
#include <QTcpServer>

quint16 FreePort::find()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

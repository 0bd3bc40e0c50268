#include "testfeed.h"

#include "serverconnection.h"

void TestFeed::send(ServerConnection *connection, const QString &message)
{
    connection->handleMessage(message);
}

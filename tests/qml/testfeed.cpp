#include "testfeed.h"

#include "feedparser.h"
#include "serverconnection.h"

void TestFeed::send(ServerConnection *connection, const QString &message)
{
    connection->feed()->handleMessage(message);
}

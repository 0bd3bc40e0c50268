#pragma once

#include <QObject>
#include <QString>

class ServerConnection;

// Lets a QML test hand a ServerConnection the feed messages a server would send, through the
// connection's own FeedParser (where its WebSocket delivers them), so the views can be tested
// without a network.
class TestFeed : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    Q_INVOKABLE void send(ServerConnection *connection, const QString &message);
};

#pragma once

#include <QObject>
#include <QString>

class ServerConnection;

// Lets a QML test hand a ServerConnection the feed messages a server would send (the same
// entry point the WebSocket uses), so the views can be tested without a network.
class TestFeed : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    Q_INVOKABLE void send(ServerConnection *connection, const QString &message);
};

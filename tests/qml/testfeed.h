#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTcpServer>

class ServerConnection;

// Lets a QML test hand a ServerConnection the feed messages a server would send, through the
// connection's own FeedParser (where its WebSocket delivers them), so the views can be tested
// without a network. Also a trap for URLs a view must never fetch: an HTTP listener on loopback
// that records the path of every request and answers 404.
class TestFeed : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    Q_INVOKABLE void send(ServerConnection *connection, const QString &message);

    // Starts the trap (once) and returns its port.
    Q_INVOKABLE int startTrap();
    // The paths requested from the trap so far, in order.
    Q_INVOKABLE QStringList trappedRequests() const { return m_trapped; }

private:
    void acceptTrapped();

    QTcpServer m_trap;
    QStringList m_trapped;
};

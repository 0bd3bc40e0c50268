#pragma once

#include "modestate.h"
#include "storedevent.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

class EventStore;
class QWebSocket;

// The WebSocket clients of /ws and what they are sent: a hello (alarm, mode + newest 50 events,
// fewer when they would not fit in `maxBufferBytes`) on connect, then every stored event once,
// in id order, and every alarm and mode change. Each message is serialized once for all clients. A
// client whose unsent bytes (after the kernel took what it would) pass `maxBufferBytes` is dropped
// so that it never holds the others back; every `pingIntervalMs` each client is pinged and one that
// did not answer the previous ping is closed as dead. A client message over 4 KiB closes its
// connection with 1009. Owns the sockets; main thread.
class LiveFeed : public QObject
{
    Q_OBJECT
public:
    LiveFeed(EventStore *store, qint64 maxBufferBytes, int pingIntervalMs,
             QObject *parent = nullptr);
    ~LiveFeed() override;

    void addClient(std::unique_ptr<QWebSocket> socket);
    void broadcastEvents(const QList<StoredEvent> &events);
    void broadcastMode(const ModeState &mode);
    void broadcastAlarm(const QJsonObject &alarm); // {"kind": "alarm", "alarm": {…}}
    // What the hello says of the alarm and the guide's mode (the alarm's view of it); until set,
    // the store's mode and no alarm.
    void setStateSource(std::function<QJsonObject()> alarm, std::function<ModeState()> mode);
    void closeAll(); // on shutdown: a Going Away close to everyone

    int clientCount() const { return int(m_clients.size()); }

Q_SIGNALS:
    void clientCountChanged(int count);

private:
    struct Client
    {
        QWebSocket *socket = nullptr;
        bool awaitingPong = false;
    };

    QString hello() const;
    void send(const QStringList &messages);
    void removeClient(QWebSocket *socket);
    void pingAll();
    Client *find(QWebSocket *socket);

    EventStore *m_store;
    std::function<QJsonObject()> m_alarm;
    std::function<ModeState()> m_mode;
    qint64 m_maxBufferBytes;
    QList<Client> m_clients;
    QTimer m_pingTimer;
};

#pragma once

#include <QObject>
#include <QRandomGenerator>
#include <QUrl>

#include <memory>
#include <vector>

class QWebSocket;

// Keeps `clients` WebSocket clients on /ws coming and going for a soak: each one connects,
// stays a random 5 to 60 s, closes and connects again a second later. A client the server drops
// (a restart) reconnects the same way. Counts what happened; a soak that sees hellos keep
// arriving knows the feed survives restarts and churn.
class BenchWebSocketChurn : public QObject
{
    Q_OBJECT
public:
    BenchWebSocketChurn(const QUrl &server, quint32 seed, QObject *parent = nullptr);
    ~BenchWebSocketChurn() override;

    void start(int clients);

    qint64 connects() const { return m_connects; }
    qint64 hellos() const { return m_hellos; }
    qint64 messages() const { return m_messages; }
    qint64 closedByUs() const { return m_closedByUs; }
    qint64 dropped() const { return m_dropped; }
    qint64 errors() const { return m_errors; }
    int connectedNow() const;

private:
    struct Client;
    void open(Client *client);
    void onDisconnected(Client *client);

    QUrl m_url;
    QRandomGenerator m_random;
    std::vector<std::unique_ptr<Client>> m_clients;
    qint64 m_connects = 0;
    qint64 m_hellos = 0;
    qint64 m_messages = 0;
    qint64 m_closedByUs = 0;
    qint64 m_dropped = 0;
    qint64 m_errors = 0;
};

#pragma once

#include <QObject>

class QTcpServer;
class QTcpSocket;

// Keeps the number of open client connections (HTTP and WebSocket alike) at or below
// MAX_CONNECTIONS, and keeps the listeners listening when the process runs out of file
// descriptors: QTcpServer pauses accepting for good after an accept() error such as EMFILE,
// so the limiter resumes it a moment later (the pending connections wait in the kernel's
// backlog meanwhile). Main thread; VigilServer owns it.
class ConnectionLimiter final : public QObject
{
    Q_OBJECT
public:
    static constexpr int AcceptRetryMs = 200;

    explicit ConnectionLimiter(int maxConnections, QObject *parent = nullptr);

    // Counts `socket` until it is destroyed; false when the limit is reached (the caller closes
    // and deletes it).
    bool admit(QTcpSocket *socket);
    void watch(QTcpServer *listener);

    int count() const { return m_count; }

private:
    void onAcceptError(QTcpServer *listener);

    int m_maxConnections;
    int m_count = 0;
    bool m_refusing = false; // logging once per stretch of refusals
    bool m_acceptFailing = false;
};

#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>
#include <QWebSocket>

// The tests' one WebSocket client of the server's live feed (/ws): connects, keeps every JSON
// message it receives with the moment it arrived on its own clock (so a latency does not depend
// on how often the test polls). Test (GUI) thread only.
class FeedClient : public QObject
{
    Q_OBJECT
public:
    explicit FeedClient(QObject *parent = nullptr);

    // ws(s)://host:port/ws of a server whose HTTP base is `serverUrl`.
    static QUrl feedUrl(const QUrl &serverUrl);

    void open(const QUrl &url, const QList<QSslCertificate> &trusted = {});
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool wasClosed() const { return m_closed; }
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }

    const QList<QJsonObject> &messages() const { return m_messages; }
    QList<QJsonObject> messagesOfKind(const QString &kind) const;
    QList<qint64> eventIds() const; // ids of the "event" messages, in arrival order
    // Index of the first "event" message at or after `from` whose event has `type`, or -1.
    qsizetype findEvent(const QString &type, qsizetype from = 0) const;
    // When message `index` arrived, in ns on clock().
    qint64 arrivedNs(qsizetype index) const { return m_arrivedNs.value(index, -1); }
    const QElapsedTimer &clock() const { return m_clock; }

private:
    QWebSocket m_socket;
    QElapsedTimer m_clock;
    QList<QJsonObject> m_messages;
    QList<qint64> m_arrivedNs;
    bool m_closed = false;
};

// Does the /ws upgrade handshake by hand on a raw socket: to read the HTTP status of a refused
// upgrade, and to be a client that never reads what it is sent.
namespace RawUpgrade {
QByteArray request(const QString &pathAndQuery, quint16 port);
}

#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>
#include <QWebSocket>

// A real WebSocket client of /ws for the tests: connects, keeps every JSON message it receives.
class FeedClient : public QObject
{
    Q_OBJECT
public:
    explicit FeedClient(QObject *parent = nullptr);

    void open(const QUrl &url, const QList<QSslCertificate> &trusted = {});
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool wasClosed() const { return m_closed; }
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket.closeCode(); }

    const QList<QJsonObject> &messages() const { return m_messages; }
    QList<QJsonObject> messagesOfKind(const QString &kind) const;
    QList<qint64> eventIds() const; // ids of the "event" messages, in arrival order

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_messages;
    bool m_closed = false;
};

// Does the /ws upgrade handshake by hand on a raw socket: to read the HTTP status of a refused
// upgrade, and to be a client that never reads what it is sent.
namespace RawUpgrade {
QByteArray request(const QString &pathAndQuery, quint16 port);
}

#include "feedclient.h"

#include <QJsonDocument>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

FeedClient::FeedClient(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        m_arrivedNs.append(m_clock.nsecsElapsed());
        m_messages.append(QJsonDocument::fromJson(message.toUtf8()).object());
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_closed = true; });
}

QUrl FeedClient::feedUrl(const QUrl &serverUrl)
{
    QUrl url = serverUrl;
    url.setScheme(serverUrl.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    url.setPath(u"/ws"_s);
    return url;
}

void FeedClient::open(const QUrl &url, const QList<QSslCertificate> &trusted)
{
    if (!trusted.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(trusted);
        m_socket.setSslConfiguration(tls);
    }
    m_socket.open(url);
}

QList<QJsonObject> FeedClient::messagesOfKind(const QString &kind) const
{
    QList<QJsonObject> found;
    for (const QJsonObject &message : m_messages) {
        if (message.value(u"kind").toString() == kind)
            found.append(message);
    }
    return found;
}

QList<qint64> FeedClient::eventIds() const
{
    QList<qint64> ids;
    for (const QJsonObject &message : m_messages) {
        if (message.value(u"kind").toString() == u"event")
            ids.append(message.value(u"event").toObject().value(u"id").toInteger());
    }
    return ids;
}

qsizetype FeedClient::findEvent(const QString &type, qsizetype from) const
{
    for (qsizetype i = from; i < m_messages.size(); ++i) {
        const QJsonObject &message = m_messages.at(i);
        if (message.value(u"kind").toString() == u"event" &&
            message.value(u"event").toObject().value(u"type").toString() == type)
            return i;
    }
    return -1;
}

QByteArray RawUpgrade::request(const QString &pathAndQuery, quint16 port)
{
    return "GET " + pathAndQuery.toUtf8() +
           " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

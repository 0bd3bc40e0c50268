#include "livefeed.h"

#include "eventstore.h"
#include "feedlimits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFeed, "vigil.server.feed")

namespace {

constexpr int HelloEvents = 50;
// Clients only ever send short control messages; anything longer is refused with 1009 before
// the server buffers it (Qt's own default is about 2 GiB).
constexpr qint64 MaxClientMessageBytes = 4LL * 1024;

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

LiveFeed::LiveFeed(EventStore *store, qint64 maxBufferBytes, int pingIntervalMs, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_maxBufferBytes(maxBufferBytes)
{
    m_pingTimer.setInterval(pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &LiveFeed::pingAll);
    m_pingTimer.start();
}

LiveFeed::~LiveFeed()
{
    for (const Client &client : std::as_const(m_clients)) {
        client.socket->disconnect(this);
        client.socket->abort();
        delete client.socket;
    }
}

LiveFeed::Client *LiveFeed::find(QWebSocket *socket)
{
    for (Client &client : m_clients) {
        if (client.socket == socket)
            return &client;
    }
    return nullptr;
}

void LiveFeed::addClient(std::unique_ptr<QWebSocket> owned)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { removeClient(socket); });
    connect(socket, &QWebSocket::pong, this, [this, socket] {
        if (Client *client = find(socket))
            client->awaitingPong = false;
    });
    // Clients have nothing to tell the server; any message still proves the client is alive.
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket] {
        if (Client *client = find(socket))
            client->awaitingPong = false;
    });

    socket->setMaxAllowedIncomingFrameSize(MaxClientMessageBytes);
    socket->setMaxAllowedIncomingMessageSize(MaxClientMessageBytes);
    socket->sendTextMessage(hello());
    m_clients.append({socket, false});
    qCInfo(lcFeed) << "client connected from" << socket->peerAddress().toString() << "-"
                   << m_clients.size() << "connected";
    Q_EMIT clientCountChanged(clientCount());
}

// The mode and the newest events, as many of the 50 as fit in maxBufferBytes (and in the largest
// message a client must accept): a hello must never be the backlog that gets its own client
// dropped. The older ones stay in the history (GET /api/events).
QString LiveFeed::hello() const
{
    QList<StoredEvent> newestFirst;
    QString error;
    EventQuery newest;
    newest.limit = HelloEvents;
    if (const auto stored = m_store->query(newest, &error))
        newestFirst = *stored;
    else
        qCWarning(lcFeed) << "hello without events, the store failed:" << error;

    const QJsonObject mode = m_mode ? m_mode().toJson() : m_store->mode().toJson();
    QJsonObject message{{u"kind"_s, u"hello"_s}, {u"mode"_s, mode}, {u"events"_s, QJsonArray()}};
    if (m_alarm)
        message.insert(u"alarm"_s, m_alarm());
    const QString empty = compact(message);
    qint64 bytes = empty.toUtf8().size();
    QJsonArray events;
    for (const StoredEvent &event : std::as_const(newestFirst)) {
        const QJsonObject json = event.toJson();
        const qint64 eventBytes =
            QJsonDocument(json).toJson(QJsonDocument::Compact).size() + 1; // and a comma
        if (bytes + eventBytes > std::min(m_maxBufferBytes, FeedLimits::MaxMessageBytes)) {
            qCInfo(lcFeed) << "hello carries the newest" << events.size() << "events of"
                           << newestFirst.size() << "to stay within WS_MAX_BUFFER";
            break;
        }
        bytes += eventBytes;
        events.append(json);
    }
    message.insert(u"events"_s, events);
    return compact(message);
}

void LiveFeed::removeClient(QWebSocket *socket)
{
    for (qsizetype i = 0; i < m_clients.size(); ++i) {
        if (m_clients.at(i).socket == socket) {
            m_clients.removeAt(i);
            socket->disconnect(this);
            socket->deleteLater();
            qCInfo(lcFeed) << "client gone -" << m_clients.size() << "connected";
            Q_EMIT clientCountChanged(clientCount());
            return;
        }
    }
}

void LiveFeed::send(const QStringList &messages)
{
    // Copy: dropping a slow client edits m_clients.
    const QList<Client> clients = m_clients;
    for (const Client &client : clients) {
        for (const QString &message : messages)
            client.socket->sendTextMessage(message);
        // What the kernel takes now is not a backlog; what stays in our buffer after that is.
        client.socket->flush();
        if (client.socket->bytesToWrite() > m_maxBufferBytes) {
            qCWarning(lcFeed) << "dropping a client that does not read:"
                              << client.socket->bytesToWrite() << "bytes unsent";
            client.socket->abort();
            removeClient(client.socket);
        }
    }
}

void LiveFeed::broadcastEvents(const QList<StoredEvent> &events)
{
    if (m_clients.isEmpty() || events.isEmpty())
        return;
    // Serialized once, sent to everyone.
    QStringList messages;
    messages.reserve(events.size());
    for (const StoredEvent &event : events)
        messages.append(compact({{u"kind"_s, u"event"_s}, {u"event"_s, event.toJson()}}));
    send(messages);
}

void LiveFeed::broadcastMode(const ModeState &mode)
{
    send({compact({{u"kind"_s, u"mode"_s}, {u"mode"_s, mode.toJson()}})});
}

void LiveFeed::broadcastAlarm(const QJsonObject &alarm)
{
    send({compact({{u"kind"_s, u"alarm"_s}, {u"alarm"_s, alarm}})});
}

void LiveFeed::setStateSource(std::function<QJsonObject()> alarm, std::function<ModeState()> mode)
{
    m_alarm = std::move(alarm);
    m_mode = std::move(mode);
}

void LiveFeed::pingAll()
{
    const QList<Client> clients = m_clients;
    for (const Client &client : clients) {
        if (client.awaitingPong) {
            qCInfo(lcFeed) << "closing a client that did not answer a ping";
            client.socket->abort();
            removeClient(client.socket);
            continue;
        }
        find(client.socket)->awaitingPong = true;
        client.socket->ping();
    }
}

void LiveFeed::closeAll()
{
    m_pingTimer.stop();
    const QList<Client> clients = m_clients;
    for (const Client &client : clients)
        client.socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
}

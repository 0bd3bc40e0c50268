#include "websocketchurn.h"

#include "websocketerror.h"

#include <QTimer>
#include <QWebSocket>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

constexpr int MinStayMs = 5'000;
constexpr int MaxStayMs = 60'000;
constexpr int ReconnectMs = 1'000;

} // namespace

struct BenchWebSocketChurn::Client
{
    QWebSocket socket;
    QTimer stay;
    bool connected = false;
    bool greeted = false;
    bool closing = false;
};

BenchWebSocketChurn::BenchWebSocketChurn(const QUrl &server, quint32 seed, QObject *parent)
    : QObject(parent)
    , m_url(server)
    , m_random(seed)
{
    m_url.setScheme(server.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    m_url.setPath(u"/ws"_s);
}

BenchWebSocketChurn::~BenchWebSocketChurn()
{
    // No reconnects from the disconnected signals while the clients are destroyed.
    for (auto &client : m_clients)
        client->socket.disconnect(this);
}

void BenchWebSocketChurn::start(int clients)
{
    for (int i = 0; i < clients; ++i) {
        auto client = std::make_unique<Client>();
        Client *raw = client.get();
        raw->stay.setSingleShot(true);
        connect(&raw->stay, &QTimer::timeout, this, [this, raw] {
            raw->closing = true;
            ++m_closedByUs;
            raw->socket.close();
        });
        connect(&raw->socket, &QWebSocket::connected, this, [this, raw] {
            raw->connected = true;
            ++m_connects;
        });
        connect(&raw->socket, &QWebSocket::textMessageReceived, this, [this, raw] {
            if (!std::exchange(raw->greeted, true))
                ++m_hellos;
            else
                ++m_messages;
        });
        connect(&raw->socket, &QWebSocket::disconnected, this,
                [this, raw] { onDisconnected(raw); });
        onWebSocketError(&raw->socket, this, [this] { ++m_errors; });
        m_clients.push_back(std::move(client));
        // Spread the first connects over a few seconds, as real pages open.
        QTimer::singleShot(int(m_random.bounded(3000)), this, [this, raw] { open(raw); });
    }
}

void BenchWebSocketChurn::open(Client *client)
{
    client->greeted = false;
    client->closing = false;
    client->stay.start(MinStayMs + int(m_random.bounded(MaxStayMs - MinStayMs)));
    client->socket.open(m_url);
}

void BenchWebSocketChurn::onDisconnected(Client *client)
{
    // disconnected also follows a connect that failed (the server restarting): only the end of
    // a real connection that this side did not ask for counts as dropped.
    if (std::exchange(client->connected, false) && !client->closing)
        ++m_dropped;
    client->stay.stop();
    QTimer::singleShot(ReconnectMs, this, [this, client] { open(client); });
}

int BenchWebSocketChurn::connectedNow() const
{
    int count = 0;
    for (const auto &client : m_clients)
        count += client->connected ? 1 : 0;
    return count;
}

#include "fanoutprobe.h"

#include "benchcommon.h"
#include "websocketerror.h"

#include <QNetworkReply>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace {

constexpr int RoundTimeoutMs = 15'000;
constexpr int ConnectTimeoutMs = 60'000;

} // namespace

BenchFanoutProbe::BenchFanoutProbe(const QUrl &server, QByteArray runId, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_runId(std::move(runId))
{}

BenchFanoutProbe::~BenchFanoutProbe() = default;

void BenchFanoutProbe::start(int clients, int rounds)
{
    m_roundsLeft = rounds;
    m_startUs = BenchCommon::nowUs();
    QUrl webSocketUrl = m_server;
    webSocketUrl.setScheme(m_server.scheme() == u"https" ? u"wss"_s : u"ws"_s);
    webSocketUrl.setPath(u"/ws"_s);
    m_lastRoundSeen.assign(size_t(clients), -1);
    for (int i = 0; i < clients; ++i) {
        auto socket = std::make_unique<QWebSocket>();
        connect(socket.get(), &QWebSocket::textMessageReceived, this,
                [this, i](const QString &message) { onMessage(i, message); });
        onWebSocketError(socket.get(), this, [this, raw = socket.get()] {
            Q_EMIT failed(u"WebSocket client: %1"_s.arg(raw->errorString()));
        });
        socket->open(webSocketUrl);
        m_sockets.push_back(std::move(socket));
    }
    QTimer::singleShot(ConnectTimeoutMs, this, [this] {
        if (m_helloCount < int(m_sockets.size()))
            Q_EMIT failed(u"only %1 of %2 WebSocket clients got their hello"_s.arg(m_helloCount)
                              .arg(m_sockets.size()));
    });
}

void BenchFanoutProbe::onMessage(int client, const QString &message)
{
    int &seen = m_lastRoundSeen[size_t(client)];
    if (seen == -1) { // the hello
        seen = 0;
        if (++m_helloCount == int(m_sockets.size())) {
            m_connectMs = (BenchCommon::nowUs() - m_startUs) / 1000;
            nextRound();
        }
        return;
    }
    if (!m_roundOpen || seen == m_round)
        return;
    // A substring search, not a JSON parse: 500 parses per round would measure the generator.
    if (!message.contains(QLatin1String(m_roundEventId)))
        return;
    seen = m_round;
    if (++m_reached == int(m_sockets.size()))
        endRound(true);
}

void BenchFanoutProbe::nextRound()
{
    if (m_roundsLeft-- <= 0) {
        Q_EMIT finished();
        return;
    }
    ++m_round;
    m_reached = 0;
    m_roundOpen = true;
    // With the closing quote, so round 1 never matches the id of round 10.
    m_roundEventId = m_runId + "-fan-" + QByteArray::number(m_round) + '"';
    const QByteArray body =
        BenchCommon::backendEvent(m_runId + "-fan", m_round, BenchCommon::nowUs());
    QNetworkRequest request(m_server.resolved(QUrl(u"/api/events"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    m_roundStartUs = BenchCommon::nowUs();
    QNetworkReply *reply = m_network.post(request, body);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    const int round = m_round;
    QTimer::singleShot(RoundTimeoutMs, this, [this, round] {
        if (m_roundOpen && m_round == round)
            endRound(false);
    });
}

void BenchFanoutProbe::endRound(bool complete)
{
    m_roundOpen = false;
    if (complete)
        m_roundsMs.append(double(BenchCommon::nowUs() - m_roundStartUs) / 1000.0);
    else
        ++m_missedRounds;
    // A pause between rounds so each one starts from a quiet server.
    QTimer::singleShot(50, this, &BenchFanoutProbe::nextRound);
}

#include "serverconnection.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <algorithm>

Q_LOGGING_CATEGORY(lcConnection, "vigil.dashboard.connection")

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
// The server pings idle clients; if nothing at all (message, ping, pong) arrives for this long,
// the link is dead even though TCP has not noticed yet.
constexpr auto SilenceLimit = 45s;
constexpr auto PingInterval = 15s;
} // namespace

ServerConnection::ServerConnection(QObject *parent)
    : QObject(parent)
    , m_modeControl(&m_api)
    , m_alarmControl(&m_api)
    , m_catchUp(&m_api)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ServerConnection::attempt);
    m_countdown.setInterval(1s);
    connect(&m_countdown, &QTimer::timeout, this, &ServerConnection::tickCountdown);
    m_liveness.setInterval(PingInterval);
    connect(&m_liveness, &QTimer::timeout, this, &ServerConnection::checkLiveness);
    // Status events come in bursts (a restart of every agent): one refetch for the burst.
    m_deviceRefresh.setSingleShot(true);
    m_deviceRefresh.setInterval(300ms);
    connect(&m_deviceRefresh, &QTimer::timeout, this, &ServerConnection::refreshDevices);

    // Qt's default takes messages of up to 2 GiB into memory; nothing the server sends is
    // larger than what the parser reads.
    m_socket.setMaxAllowedIncomingMessageSize(quint64(FeedParser::MaxMessageBytes));
    connect(&m_socket, &QWebSocket::connected, this, &ServerConnection::onFeedConnected);
    // stateChanged, not disconnected: a refused connection or a refused handshake never was
    // "connected", so it only shows as the return to UnconnectedState.
    connect(&m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState && m_feedExpected)
            onFeedClosed();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this] { m_lastHeard.start(); });
    connect(&m_socket, &QWebSocket::textMessageReceived, &m_feed, &FeedParser::handleMessage);
    connect(&m_socket, &QWebSocket::pong, this, [this] { m_lastHeard.start(); });

    connect(&m_feed, &FeedParser::helloReceived, this, &ServerConnection::onHello);
    connect(&m_feed, &FeedParser::eventReceived, this, &ServerConnection::onEvent);
    connect(&m_feed, &FeedParser::modeReceived, &m_modeControl, &ModeControl::apply);
    connect(&m_modeControl, &ModeControl::modeChanged, this, &ServerConnection::modeChanged);
    connect(&m_modeControl, &ModeControl::pendingChanged, this,
            &ServerConnection::modeChangePendingChanged);
    connect(&m_modeControl, &ModeControl::requested, this, &ServerConnection::modeChangeRequested);
    connect(&m_modeControl, &ModeControl::failed, this, [this](const QString &error) {
        setErrorString(error);
        Q_EMIT modeChangeFailed(error);
    });

    connect(&m_feed, &FeedParser::alarmReceived, &m_alarmControl, &AlarmControl::apply);
    connect(&m_alarmControl, &AlarmControl::alarmChanged, this,
            [this] { m_alert.setAlarmState(m_alarmControl.state()); });
    m_alarmControl.setLabeler([this](const QString &deviceId, const QString &source) {
        return m_devices.labelOf(deviceId, source);
    });
    connect(&m_devices, &QAbstractItemModel::modelReset, &m_alarmControl,
            &AlarmControl::refreshLabels);
    connect(&m_devices, &QAbstractItemModel::dataChanged, &m_alarmControl,
            &AlarmControl::refreshLabels);

    connect(&m_catchUp, &EventCatchUp::eventsFetched, this,
            [this](const QList<DashboardEvent> &fetched) {
                for (const DashboardEvent &event : fetched) {
                    if (m_events.add(event)) {
                        ++m_caughtUpCount;
                        m_alert.raise(event);
                    }
                }
            });
    connect(&m_catchUp, &EventCatchUp::finished, this, [this](bool ok, const QString &error) {
        if (!ok)
            setErrorString(tr("Could not fetch the missed events: %1").arg(error));
        Q_EMIT caughtUp(m_caughtUpCount);
    });
}

ServerConnection::~ServerConnection()
{
    // The socket's signals must not reach a half-destroyed object (this one or its parser).
    m_socket.disconnect(this);
    m_socket.disconnect(&m_feed);
    m_socket.abort();
}

void ServerConnection::setServerUrl(const QUrl &url)
{
    if (url == m_api.serverUrl())
        return;
    m_api.setServerUrl(url);
    Q_EMIT serverUrlChanged();
    if (m_running) {
        stop();
        start();
    }
}

void ServerConnection::setRetryDelays(int initialMs, int maxMs)
{
    m_initialRetryMs = std::max(1, initialMs);
    m_maxRetryMs = std::max(m_initialRetryMs, maxMs);
    m_retryMs = m_initialRetryMs;
}

void ServerConnection::start()
{
    if (m_running)
        return;
    m_running = true;
    m_retryMs = m_initialRetryMs;
    setStatus(m_everConnected ? Status::Reconnecting : Status::Connecting);
    attempt();
}

void ServerConnection::stop()
{
    m_running = false;
    m_retryTimer.stop();
    m_countdown.stop();
    m_liveness.stop();
    m_catchUp.cancel();
    delete m_attempt;
    m_attempt = nullptr;
    m_feedOpen = false;
    m_feedExpected = false;
    m_socket.abort();
    setReconnectIn(0);
    setStatus(Status::Idle);
}

// One connection attempt: GET /api/devices first. It fills the device list and tells a wrong
// token (401) or a wrong URL apart from a server that is down, which the WebSocket handshake
// alone would report as the same error. Then the feed.
void ServerConnection::attempt()
{
    if (!m_running)
        return;
    m_countdown.stop();
    setReconnectIn(0);
    delete m_attempt;
    m_attempt = new QObject(this);
    qCInfo(lcConnection) << "connecting to" << m_api.urlFor(u"/"_s).toDisplayString();
    m_api.get(u"/api/devices"_s, {}, m_attempt, [this](const DashboardApi::Reply &reply) {
        if (reply.unauthorized())
            return fail(Status::TokenRejected, tr("The server refused the access token."));
        if (reply.httpStatus == 0)
            return fail(m_everConnected ? Status::Reconnecting : Status::Unreachable,
                        tr("Cannot reach the server: %1").arg(reply.errorString));
        if (!reply.ok() || !reply.body.isArray())
            return fail(m_everConnected ? Status::Reconnecting : Status::Unreachable,
                        tr("This does not look like a Vigil server: %1")
                            .arg(reply.ok() ? u"GET /api/devices"_s : reply.errorString));
        m_devices.setDevices(reply.body.array());
        openFeed();
    });
}

QUrl ServerConnection::feedUrl() const
{
    QUrl url = m_api.urlFor(u"/ws"_s);
    url.setScheme(url.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    return url;
}

void ServerConnection::openFeed()
{
    QUrl url = feedUrl();
    QNetworkRequest request;
    if (!m_api.token().isEmpty()) {
        // The contract's way (?token=) plus the header, for proxies that strip queries.
        QUrlQuery query;
        query.addQueryItem(u"token"_s, m_api.token());
        url.setQuery(query);
        request.setRawHeader("Authorization", "Bearer " + m_api.token().toUtf8());
    }
    request.setUrl(url);
    m_feedOpen = false;
    m_feedExpected = true;
    m_socket.open(request);
}

void ServerConnection::onFeedConnected()
{
    qCInfo(lcConnection) << "live feed open at" << feedUrl().toDisplayString();
    m_feedOpen = true;
    m_everConnected = true;
    m_retryMs = m_initialRetryMs;
    m_lastHeard.start();
    m_liveness.start();
    setErrorString({});
    setStatus(Status::Connected);
}

void ServerConnection::onFeedClosed()
{
    m_feedExpected = false;
    if (!m_running)
        return;
    m_liveness.stop();
    m_catchUp.cancel();
    const bool wasOpen = m_feedOpen;
    m_feedOpen = false;
    if (m_socket.closeCode() == QWebSocketProtocol::CloseCodePolicyViolated)
        return fail(Status::TokenRejected, tr("The server refused the access token."));
    const QString reason =
        m_socket.closeReason().isEmpty() ? m_socket.errorString() : m_socket.closeReason();
    if (wasOpen)
        return fail(Status::Reconnecting, tr("Connection lost: %1").arg(reason));
    fail(m_everConnected ? Status::Reconnecting : Status::Unreachable,
         tr("Cannot open the live feed: %1").arg(reason));
}

void ServerConnection::fail(Status status, const QString &error)
{
    qCWarning(lcConnection).noquote() << error;
    setErrorString(error);
    setStatus(status);
    scheduleRetry();
}

void ServerConnection::scheduleRetry()
{
    if (!m_running || m_retryTimer.isActive())
        return;
    // A rejected token will not fix itself soon: retry at the slowest pace.
    const int delay = m_status == Status::TokenRejected ? m_maxRetryMs : m_retryMs;
    m_retryMs = std::min(m_retryMs * 2, m_maxRetryMs);
    m_retryTimer.start(delay);
    setReconnectIn((delay + 999) / 1000);
    m_countdown.start();
}

void ServerConnection::tickCountdown()
{
    setReconnectIn(std::max(0, int((m_retryTimer.remainingTime() + 999) / 1000)));
    if (!m_retryTimer.isActive())
        m_countdown.stop();
}

void ServerConnection::checkLiveness()
{
    if (std::chrono::milliseconds(m_lastHeard.elapsed()) > SilenceLimit) {
        qCWarning(lcConnection) << "no word from the server for" << SilenceLimit.count()
                                << "s; reconnecting";
        m_socket.abort(); // back to UnconnectedState -> onFeedClosed -> retry
        return;
    }
    m_socket.ping();
}

void ServerConnection::refreshDevices()
{
    if (!m_attempt)
        return;
    m_api.get(u"/api/devices"_s, {}, m_attempt, [this](const DashboardApi::Reply &reply) {
        if (reply.ok() && reply.body.isArray())
            m_devices.setDevices(reply.body.array());
        else
            qCWarning(lcConnection).noquote() << "device list refresh failed:" << reply.errorString;
    });
}

// A hello: the mode, the alarm and the newest events. On the first hello they are history; after an
// outage the ones newer than what we had were missed live, so their alerts still ring, and what did
// not fit in the hello is fetched by the catch-up.
void ServerConnection::onHello(const FeedParser::Hello &hello)
{
    if (hello.mode)
        m_modeControl.apply(*hello.mode);
    if (hello.alarm)
        m_alarmControl.apply(*hello.alarm);
    else
        m_alarmControl.forget(); // a server from before the alarm: the views show the mode
    qint64 lastKnown = m_events.newestId();
    qint64 newestSent = 0;
    qint64 oldestSent = 0;
    for (const DashboardEvent &event : hello.events) {
        newestSent = std::max(newestSent, event.id);
        oldestSent = oldestSent == 0 ? event.id : std::min(oldestSent, event.id);
    }
    if (newestSent > 0 && newestSent < lastKnown) {
        // The server's newest event is older than ours: it has a new database. Start over.
        qCInfo(lcConnection) << "the server's history restarted; reloading";
        m_events.clear();
        lastKnown = 0;
    }
    const bool reconnect = lastKnown > 0;
    m_caughtUpCount = 0;
    for (const DashboardEvent &event : hello.events) {
        if (m_events.add(event) && reconnect && event.id > lastKnown) {
            ++m_caughtUpCount;
            m_alert.raise(event);
        }
    }
    if (reconnect && oldestSent > lastKnown + 1)
        m_catchUp.start(lastKnown, oldestSent, m_events.capacity());
    else if (reconnect)
        Q_EMIT caughtUp(m_caughtUpCount);
    if (!m_hasData) {
        m_hasData = true;
        Q_EMIT hasDataChanged();
    }
}

void ServerConnection::onEvent(const DashboardEvent &event)
{
    if (!m_events.add(event))
        return;
    m_alert.raise(event);
    // A status change or a sensor never seen before: the server's view of the devices is the
    // reference, fetch it again (once per burst).
    if (!m_devices.applyEvent(event) || event.isStatus())
        m_deviceRefresh.start();
}

void ServerConnection::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged();
}

void ServerConnection::setErrorString(const QString &error)
{
    if (error == m_errorString)
        return;
    m_errorString = error;
    Q_EMIT errorStringChanged();
}

void ServerConnection::setReconnectIn(int seconds)
{
    if (seconds == m_reconnectInSeconds)
        return;
    m_reconnectInSeconds = seconds;
    Q_EMIT reconnectInSecondsChanged();
}

#include "vigilserver.h"

#include "alarmroutes.h"
#include "alarmservice.h"
#include "auditroutes.h"
#include "codegate.h"
#include "connectionhookserver.h"
#include "connectionlimiter.h"
#include "connectiontimeouts.h"
#include "deviceroutes.h"
#include "eventroutes.h"
#include "healthroutes.h"
#include "livefeed.h"
#include "moderoutes.h"
#include "quickack.h"
#include "requestsizeguard.h"
#include "servermetrics.h"
#include "sqlitealarmstore.h"
#include "sqliteeventstore.h"
#include "staticroutes.h"
#include "supervision.h"
#include "supervisionroutes.h"
#include "userroutes.h"
#include "vigilhttpserver.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcServer, "vigil.server")

namespace {

constexpr int DrainDeadlineMs = 3000;
// What a request may hold besides its body: the request line and the headers.
constexpr qint64 HeaderAllowance = 64LL * 1024;

} // namespace

VigilServer::VigilServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(std::make_unique<SqliteEventStore>(m_config.database, m_config.databaseSync))
    , m_alarmStore(std::make_unique<SqliteAlarmStore>(m_store.get()))
    , m_metrics(std::make_unique<ServerMetrics>())
{}

VigilServer::~VigilServer()
{
    // The HTTP server, the alarm and the feed use the store; they go first.
    delete m_http;
    delete m_supervision;
    delete m_alarm;
    delete m_codes;
    delete m_feed;
    delete m_limiter;
    m_store->close();
}

int VigilServer::webSocketClients() const
{
    return m_feed ? m_feed->clientCount() : 0;
}

bool VigilServer::loadTls(QSslConfiguration *tls, QString *error)
{
    QFile certFile(m_config.tlsCert);
    if (!certFile.open(QIODevice::ReadOnly)) {
        *error = u"error: TLS_CERT=%1: cannot read it (%2)"_s.arg(m_config.tlsCert,
                                                                  certFile.errorString());
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty()) {
        *error = u"error: TLS_CERT=%1: expected a PEM certificate"_s.arg(m_config.tlsCert);
        return false;
    }
    QFile keyFile(m_config.tlsKey);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error =
            u"error: TLS_KEY=%1: cannot read it (%2)"_s.arg(m_config.tlsKey, keyFile.errorString());
        return false;
    }
    const QByteArray keyData = keyFile.readAll();
    QSslKey key(keyData, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyData, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = u"error: TLS_KEY=%1: expected an unencrypted PEM RSA or EC private "
                 "key"_s.arg(m_config.tlsKey);
        return false;
    }
    *tls = QSslConfiguration::defaultConfiguration();
    tls->setLocalCertificateChain(chain);
    tls->setPrivateKey(key);
    tls->setPeerVerifyMode(QSslSocket::VerifyNone);
    return true;
}

// Our own listener instead of QAbstractHttpServer::listen(), to set up each connection before
// QAbstractHttpServer reads from it; HTTPS and WSS share it like HTTP and WS.
QTcpServer *VigilServer::makeListener(QString *error)
{
    const qint64 maxRequestBytes = m_config.maxBody + HeaderAllowance;
    ServerMetrics *metrics = m_metrics.get();
    ConnectionLimiter *limiter = m_limiter;
    const int idleMs = m_config.idleTimeoutMs;
    const int requestMs = m_config.requestTimeoutMs;
    auto setUp = [=](QTcpSocket *socket) {
        if (!limiter->admit(socket))
            return false;
        QuickAck::enable(socket);
        RequestSizeGuard::watch(socket, maxRequestBytes, metrics);
        ConnectionTimeouts::watch(socket, idleMs, requestMs, metrics);
        return true;
    };
    if (m_config.tlsCert.isEmpty())
        return new ConnectionHookServer<QTcpServer>(setUp, m_http);
    QSslConfiguration tls;
    if (!loadTls(&tls, error))
        return nullptr;
    auto *listener = new ConnectionHookServer<QSslServer>(setUp, m_http);
    listener->setSslConfiguration(tls);
    return listener;
}

VigilServer::StartError VigilServer::start(QString *error)
{
    QString storeError;
    if (!m_store->open(&storeError)) {
        *error = u"error: DATABASE=%1: %2"_s.arg(m_config.database, storeError);
        return StartError::Settings;
    }

    m_feed = new LiveFeed(m_store.get(), m_config.wsMaxBuffer, m_config.wsPingIntervalMs, this);
    if (!startAlarm(&storeError) || !startSupervision(&storeError)) {
        *error = u"error: DATABASE=%1: %2"_s.arg(m_config.database, storeError);
        return StartError::Runtime;
    }
    CrossSiteGuard crossSite({!m_config.tlsCert.isEmpty(), !m_config.apiTokens.isEmpty(),
                              m_config.host, m_config.publicUrl, m_config.allowedOrigins,
                              m_config.allowedHosts});
    m_http = new VigilHttpServer(AuthGuard(m_config.apiTokens), std::move(crossSite),
                                 m_config.maxBody, m_metrics.get(), this);
    ServerContext context;
    context.store = m_store.get();
    context.alarmStore = m_alarmStore.get();
    context.alarm = m_alarm;
    context.codes = m_codes;
    context.feed = m_feed;
    context.metrics = m_metrics.get();
    context.supervision = m_supervision;
    context.alertTypes = m_config.alertTypes;
    context.maxBody = m_config.maxBody;
    m_http->addRoutes(std::make_unique<HealthRoutes>(context));
    m_http->addRoutes(std::make_unique<EventRoutes>(context));
    m_http->addRoutes(std::make_unique<AlarmRoutes>(context));
    m_http->addRoutes(std::make_unique<ModeRoutes>(context));
    m_http->addRoutes(std::make_unique<DeviceRoutes>(context));
    m_http->addRoutes(std::make_unique<UserRoutes>(context));
    m_http->addRoutes(std::make_unique<AuditRoutes>(context));
    m_http->addRoutes(std::make_unique<SupervisionRoutes>(context));
    m_http->addRoutes(std::make_unique<StaticRoutes>());
    connect(m_http, &VigilHttpServer::newWebSocketConnection, this, &VigilServer::acceptWebSockets);

    const bool tls = !m_config.tlsCert.isEmpty();
    m_limiter = new ConnectionLimiter(m_config.maxConnections, this);
    QTcpServer *listener = makeListener(error);
    if (!listener)
        return StartError::Settings;
    m_limiter->watch(listener);
    if (!listener->listen(m_config.host, m_config.port)) {
        *error = u"error: cannot listen on %1 port %2 (HOST/PORT): the address is "
                 "in use or not available here"_s.arg(m_config.host.toString())
                     .arg(m_config.port);
        return StartError::Runtime;
    }
    m_http->bind(listener);
    m_port = listener->serverPort();
    qCInfo(lcServer).noquote() << u"listening on %1://%2:%3, database %4, auth %5, alarm %6"_s
                                      .arg(tls ? u"https"_s : u"http"_s, m_config.host.toString())
                                      .arg(m_port)
                                      .arg(m_config.database,
                                           m_config.apiTokens.isEmpty() ? u"off"_s : u"on"_s,
                                           AlarmStatus::name(m_alarm->status().state));
    return StartError::None;
}

bool VigilServer::startAlarm(QString *error)
{
    const AlarmService::Clock clock = &QDateTime::currentMSecsSinceEpoch;
    m_codes = new CodeGate(
        m_alarmStore.get(),
        {m_config.codeMaxAttempts, CodeLockout::Limits().windowMs, m_config.codeLockoutMs}, clock,
        this);
    if (!m_codes->start(error))
        return false;
    CodeGate *codes = m_codes;
    AlarmService::Options options{
        {m_config.exitDelayMs, m_config.entryDelayMs, m_config.triggerTimeMs},
        m_config.alertTypes,
        m_config.codeArmRequired,
        [codes] { return codes->usersExist(); }};
    m_alarm = new AlarmService(m_store.get(), m_alarmStore.get(), m_feed, std::move(options), clock,
                               this);
    if (!m_alarm->start(error))
        return false;
    AlarmService *alarm = m_alarm;
    m_feed->setStateSource([alarm] { return alarm->toJson(); },
                           [alarm] { return alarm->modeView(); });
    return true;
}

bool VigilServer::startSupervision(QString *error)
{
    AlarmService *alarm = m_alarm;
    m_supervision = new Supervision(
        m_alarmStore.get(), {m_config.heartbeatTimeoutMs, m_config.offlineGraceMs},
        [alarm] { return alarm->status().isArmedOrAlarming(); }, &QDateTime::currentMSecsSinceEpoch,
        this);
    return m_supervision->start(error);
}

void VigilServer::acceptWebSockets()
{
    while (m_http->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http->nextPendingWebSocketConnection();
        if (!socket)
            break;
        if (m_shuttingDown) {
            socket->close(QWebSocketProtocol::CloseCodeGoingAway);
            continue;
        }
        m_feed->addClient(std::move(socket));
    }
}

void VigilServer::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcServer) << "shutting down";
    // Requests are handled synchronously, so none is half-done here: stop accepting, then give
    // the replies already written (and the WebSocket goodbyes) a moment to leave.
    for (QTcpServer *listener : m_http->servers())
        listener->close();
    m_feed->closeAll();
    const QDeadlineTimer deadline(DrainDeadlineMs);
    auto *poll = new QTimer(this);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [this, poll, deadline] {
        bool pending = false;
        for (const QTcpSocket *socket : m_http->findChildren<QTcpSocket *>()) {
            if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() > 0)
                pending = true;
        }
        if (pending && !deadline.hasExpired())
            return;
        poll->stop();
        finishShutdown();
    });
    poll->start();
}

void VigilServer::finishShutdown()
{
    m_store->close();
    qCInfo(lcServer) << "database closed; bye";
    Q_EMIT finished();
}

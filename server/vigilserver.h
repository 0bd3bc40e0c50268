#pragma once

#include "serversettings.h"

#include <QObject>

class QSslConfiguration;
class QTcpServer;

#include <memory>

class AlarmService;
class Supervision;
class AlarmStore;
class CodeGate;
class ConnectionLimiter;
class LiveFeed;
class SqliteEventStore;
class ServerMetrics;
class VigilHttpServer;

// The whole server, wired: the store, the alarm and its codes, the live feed, the counters, the
// HTTP server and its route groups. start() opens the store and listens (TLS when configured);
// shutdown() stops accepting, says goodbye to WebSocket clients, lets written replies drain, closes
// the store and emits finished(). Owns everything it creates; main thread.
class VigilServer : public QObject
{
    Q_OBJECT
public:
    enum class StartError { None, Settings, Runtime };

    explicit VigilServer(ServerConfig config, QObject *parent = nullptr);
    ~VigilServer() override;

    // On failure *error is one line and the StartError says which exit status fits.
    StartError start(QString *error);
    quint16 port() const { return m_port; }
    int webSocketClients() const;

    void shutdown();

Q_SIGNALS:
    void finished();

private:
    QTcpServer *makeListener(QString *error);
    bool loadTls(QSslConfiguration *tls, QString *error);
    bool startAlarm(QString *error);
    bool startSupervision(QString *error);
    void acceptWebSockets();
    void finishShutdown();

    ServerConfig m_config;
    std::unique_ptr<SqliteEventStore> m_store;
    std::unique_ptr<AlarmStore> m_alarmStore;
    std::unique_ptr<ServerMetrics> m_metrics;
    LiveFeed *m_feed = nullptr;
    CodeGate *m_codes = nullptr;
    AlarmService *m_alarm = nullptr;
    Supervision *m_supervision = nullptr;
    ConnectionLimiter *m_limiter = nullptr;
    VigilHttpServer *m_http = nullptr;
    quint16 m_port = 0;
    bool m_shuttingDown = false;
};

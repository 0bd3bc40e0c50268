#pragma once

#include "settings.h"
#include "sqliteeventstore.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// Everything vigil-server runs with, as its settings give it, checked; the defaults here are the
// settings table's. A plain value; any thread.
struct ServerConfig
{
    QHostAddress host{QHostAddress::LocalHost};
    quint16 port = 8000;
    QString database = QStringLiteral("vigil.db");
    SqliteEventStore::Sync databaseSync = SqliteEventStore::Sync::Normal;
    QStringList apiTokens; // secret: never logged
    bool allowNoAuth = false;
    QString tlsCert;
    QString tlsKey;
    qint64 maxBody = 1024LL * 1024;
    QStringList alertTypes{QStringLiteral("motion_detected"), QStringLiteral("button_pressed")};
    qint64 wsMaxBuffer = 4LL * 1024 * 1024;
    int wsPingIntervalMs = 30000;
    int maxConnections = 1024;
    int idleTimeoutMs = 60000;
    int requestTimeoutMs = 10000;
    QString logLevel;
    QUrl publicUrl;             // empty: not set
    QStringList allowedOrigins; // as given; CrossSiteGuard normalises them
    QStringList allowedHosts;
    // The alarm: delays in milliseconds (the settings are seconds; each may be 0).
    qint64 exitDelayMs = 60LL * 1000;
    qint64 entryDelayMs = 30LL * 1000;
    qint64 triggerTimeMs = 180LL * 1000;
    bool codeArmRequired = false;
    int codeMaxAttempts = 5;
    qint64 codeLockoutMs = 300LL * 1000;
    // Supervision: a bridge silent this long is offline; a sensor offline this long is reported.
    qint64 heartbeatTimeoutMs = 120LL * 1000;
    qint64 offlineGraceMs = 60LL * 1000;
};

// vigil-server's settings table (names, help, bounds; the defaults are ServerConfig's) and the
// checks load() adds that involve more than one setting (TLS pair, auth on a non-loopback
// address).
class ServerSettings
{
public:
    static inline const QString Port = QStringLiteral("PORT");
    static inline const QString Host = QStringLiteral("HOST");
    static inline const QString Database = QStringLiteral("DATABASE");
    static inline const QString DatabaseSync = QStringLiteral("DATABASE_SYNC");
    static inline const QString ApiTokens = QStringLiteral("API_TOKENS");
    static inline const QString AllowNoAuth = QStringLiteral("ALLOW_NO_AUTH");
    static inline const QString TlsCert = QStringLiteral("TLS_CERT");
    static inline const QString TlsKey = QStringLiteral("TLS_KEY");
    static inline const QString MaxBody = QStringLiteral("MAX_BODY");
    static inline const QString AlertTypes = QStringLiteral("ALERT_TYPES");
    static inline const QString WsMaxBuffer = QStringLiteral("WS_MAX_BUFFER");
    static inline const QString WsPingInterval = QStringLiteral("WS_PING_INTERVAL"); // seconds
    static inline const QString MaxConnections = QStringLiteral("MAX_CONNECTIONS");
    static inline const QString IdleTimeout = QStringLiteral("IDLE_TIMEOUT");       // seconds
    static inline const QString RequestTimeout = QStringLiteral("REQUEST_TIMEOUT"); // seconds
    static inline const QString PublicUrl = QStringLiteral("PUBLIC_URL");
    static inline const QString AllowedOrigins = QStringLiteral("ALLOWED_ORIGINS");
    static inline const QString AllowedHosts = QStringLiteral("ALLOWED_HOSTS");
    static inline const QString ExitDelay = QStringLiteral("EXIT_DELAY");     // seconds
    static inline const QString EntryDelay = QStringLiteral("ENTRY_DELAY");   // seconds
    static inline const QString TriggerTime = QStringLiteral("TRIGGER_TIME"); // seconds
    static inline const QString CodeArmRequired = QStringLiteral("CODE_ARM_REQUIRED");
    static inline const QString CodeMaxAttempts = QStringLiteral("CODE_MAX_ATTEMPTS");
    static inline const QString CodeLockout = QStringLiteral("CODE_LOCKOUT");           // seconds
    static inline const QString HeartbeatTimeout = QStringLiteral("HEARTBEAT_TIMEOUT"); // seconds
    static inline const QString OfflineGrace = QStringLiteral("OFFLINE_GRACE");         // seconds

    static ProgramSpec program();

    // The checked configuration, or nullopt with the one error line in *error.
    static std::optional<ServerConfig> load(const Settings &settings, QString *error);
};

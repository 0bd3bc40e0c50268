#include "serversettings.h"

#include "crosssiteguard.h"
#include "feedlimits.h"
#include "logging.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

SettingSpec text(const QString &name, const QString &defaultValue, const QString &help)
{
    SettingSpec spec;
    spec.name = name;
    spec.defaultValue = defaultValue;
    spec.help = help;
    return spec;
}

SettingSpec integer(const QString &name, qint64 defaultValue, qint64 minimum, qint64 maximum,
                    const QString &help)
{
    SettingSpec spec = text(name, QString::number(defaultValue), help);
    spec.type = SettingSpec::Type::Integer;
    spec.minimum = minimum;
    spec.maximum = maximum;
    return spec;
}

QString checkHost(const QString &value)
{
    QHostAddress address;
    if (!address.setAddress(value.trimmed()))
        return u"an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::1"_s;
    return {};
}

QString checkAlertTypes(const QString &value)
{
    static const QRegularExpression typePattern(u"^[a-z0-9_]{1,64}$"_s);
    const QStringList types = value.split(u',', Qt::SkipEmptyParts);
    for (const QString &type : types) {
        if (!typePattern.match(type.trimmed()).hasMatch())
            return u"a comma-separated list of event types matching [a-z0-9_]{1,64}"_s;
    }
    return {};
}

QString checkOrigins(const QString &value)
{
    const QStringList origins = value.split(u',', Qt::SkipEmptyParts);
    for (const QString &origin : origins) {
        if (CrossSiteGuard::normalOrigin(origin.trimmed()).isEmpty())
            return u"a comma-separated list of origins such as https://vigil.example.org or "
                   "http://192.168.1.10:8000 (scheme, host and port only)"_s;
    }
    return {};
}

QString checkHosts(const QString &value)
{
    static const QRegularExpression hostPattern(
        u"^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
        "|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$"_s);
    const QStringList hosts = value.split(u',', Qt::SkipEmptyParts);
    for (const QString &host : hosts) {
        if (!hostPattern.match(host.trimmed()).hasMatch())
            return u"a comma-separated list of host names or addresses, such as "
                   "vigil.lan,192.168.1.10"_s;
    }
    return {};
}

bool isLoopback(const QHostAddress &address)
{
    return address.isLoopback();
}

QString syncName(SqliteEventStore::Sync sync)
{
    return sync == SqliteEventStore::Sync::Full ? u"full"_s : u"normal"_s;
}

constexpr int MsPerSecond = 1000;
constexpr qint64 MaxDelaySeconds = 24LL * 60 * 60;

// The alarm's delays and codes.
QList<SettingSpec> alarmSettings(const ServerConfig &defaults)
{
    SettingSpec codeArmRequired =
        text(ServerSettings::CodeArmRequired, defaults.codeArmRequired ? u"true"_s : u"false"_s,
             u"Arming needs a user's code too (disarming always does, once a user exists)."_s);
    codeArmRequired.type = SettingSpec::Type::Boolean;
    return {
        integer(ServerSettings::ExitDelay, defaults.exitDelayMs / MsPerSecond, 0, MaxDelaySeconds,
                u"Seconds to leave after arm_away before the alarm is armed."_s),
        integer(ServerSettings::EntryDelay, defaults.entryDelayMs / MsPerSecond, 0, MaxDelaySeconds,
                u"Seconds to disarm after an entry sensor acts while armed."_s),
        integer(ServerSettings::TriggerTime, defaults.triggerTimeMs / MsPerSecond, 0,
                MaxDelaySeconds,
                u"Seconds the alarm stays triggered before it returns to its armed mode."_s),
        codeArmRequired,
        integer(ServerSettings::CodeMaxAttempts, defaults.codeMaxAttempts, 1, 100,
                u"Wrong codes within 15 minutes that lock every code out."_s),
        integer(ServerSettings::CodeLockout, defaults.codeLockoutMs / MsPerSecond, 1, 86400,
                u"Seconds every code is refused (429) after too many wrong ones."_s),
        integer(ServerSettings::HeartbeatTimeout, defaults.heartbeatTimeoutMs / MsPerSecond, 1,
                MaxDelaySeconds,
                u"Seconds without a bridge's heartbeat after which its house is offline."_s),
        integer(ServerSettings::OfflineGrace, defaults.offlineGraceMs / MsPerSecond, 0,
                MaxDelaySeconds,
                u"Seconds a sensor may stay offline while armed before it is reported."_s),
    };
}

} // namespace

ProgramSpec ServerSettings::program()
{
    ProgramSpec program;
    program.name = u"vigil-server"_s;
    program.description =
        u"Vigil's backend: event API, WebSocket push, SQLite store, the alarm, web page."_s;

    const ServerConfig defaults;
    SettingSpec host = text(Host, defaults.host.toString(),
                            u"Address to listen on (0.0.0.0 for every interface)."_s);
    host.validate = checkHost;
    SettingSpec tokens = text(ApiTokens, {}, u"Comma-separated bearer tokens; turns on auth."_s);
    tokens.secret = true;
    SettingSpec allowNoAuth = text(AllowNoAuth, defaults.allowNoAuth ? u"true"_s : u"false"_s,
                                   u"Allow a non-loopback HOST without API_TOKENS."_s);
    allowNoAuth.type = SettingSpec::Type::Boolean;
    SettingSpec databaseSync =
        text(DatabaseSync, syncName(defaults.databaseSync),
             u"normal: a stored event survives a crash or kill of the server; "
             "full: also a power cut (an fsync per write)."_s);
    databaseSync.type = SettingSpec::Type::Choice;
    databaseSync.choices = {syncName(SqliteEventStore::Sync::Normal),
                            syncName(SqliteEventStore::Sync::Full)};
    SettingSpec alertTypes =
        text(AlertTypes, defaults.alertTypes.join(u','),
             u"Event types that act on the alarm (and are flagged \"alert\" when they do)."_s);
    alertTypes.validate = checkAlertTypes;

    SettingSpec publicUrl = text(PublicUrl, {},
                                 u"The URL the server is reached at (behind a proxy); its origin "
                                 "is the server's own."_s);
    publicUrl.type = SettingSpec::Type::Url;
    SettingSpec allowedOrigins =
        text(AllowedOrigins, {},
             u"Comma-separated origins of other sites allowed to call the API (403 otherwise)."_s);
    allowedOrigins.validate = checkOrigins;
    SettingSpec allowedHosts =
        text(AllowedHosts, {},
             u"Comma-separated host names answered while auth is off, besides localhost, the "
             "loopback addresses, HOST and the machine's name (DNS rebinding: 403 otherwise)."_s);
    allowedHosts.validate = checkHosts;

    program.settings = {
        integer(Port, defaults.port, 0, 65535, u"TCP port (0: any free)."_s),
        host,
        text(Database, defaults.database, u"SQLite database file (created when missing)."_s),
        databaseSync,
        tokens,
        allowNoAuth,
        text(TlsCert, {}, u"PEM certificate (chain) for HTTPS/WSS; needs TLS_KEY."_s),
        text(TlsKey, {}, u"PEM private key for TLS_CERT."_s),
        integer(MaxBody, defaults.maxBody, 1024, FeedLimits::MaxEventBodyBytes,
                u"Largest request body in bytes (413 above)."_s),
        alertTypes,
        integer(WsMaxBuffer, defaults.wsMaxBuffer, 64LL * 1024, 1024LL * 1024 * 1024,
                u"Unsent bytes after which a slow WebSocket client is dropped."_s),
        integer(WsPingInterval, defaults.wsPingIntervalMs / MsPerSecond, 1, 3600,
                u"Seconds between pings to a quiet WebSocket client."_s),
        integer(MaxConnections, defaults.maxConnections, 1, 65536,
                u"Open connections (HTTP and WebSocket) beyond which new ones are closed."_s),
        integer(IdleTimeout, defaults.idleTimeoutMs / MsPerSecond, 1, 86400,
                u"Seconds after which an HTTP connection without a request is closed."_s),
        integer(RequestTimeout, defaults.requestTimeoutMs / MsPerSecond, 1, 3600,
                u"Seconds a request may take to arrive in full (408 after)."_s),
        Logging::levelSetting(),
        publicUrl,
        allowedOrigins,
        allowedHosts,
    };
    program.settings += alarmSettings(defaults);
    return program;
}

std::optional<ServerConfig> ServerSettings::load(const Settings &settings, QString *error)
{
    ServerConfig config;
    config.host = QHostAddress(settings.text(Host));
    config.port = quint16(settings.integer(Port));
    config.database = settings.text(Database);
    config.databaseSync = settings.text(DatabaseSync) == syncName(SqliteEventStore::Sync::Full)
                              ? SqliteEventStore::Sync::Full
                              : SqliteEventStore::Sync::Normal;
    config.apiTokens = settings.list(ApiTokens);
    config.allowNoAuth = settings.boolean(AllowNoAuth);
    config.tlsCert = settings.text(TlsCert);
    config.tlsKey = settings.text(TlsKey);
    config.maxBody = settings.integer(MaxBody);
    config.alertTypes = settings.list(AlertTypes);
    config.wsMaxBuffer = settings.integer(WsMaxBuffer);
    config.wsPingIntervalMs = int(settings.integer(WsPingInterval) * MsPerSecond);
    config.maxConnections = int(settings.integer(MaxConnections));
    config.idleTimeoutMs = int(settings.integer(IdleTimeout) * MsPerSecond);
    config.requestTimeoutMs = int(settings.integer(RequestTimeout) * MsPerSecond);
    config.logLevel = settings.text(Logging::levelSetting().name);
    if (settings.isSet(PublicUrl))
        config.publicUrl = settings.url(PublicUrl);
    config.allowedOrigins = settings.list(AllowedOrigins);
    config.allowedHosts = settings.list(AllowedHosts);
    config.exitDelayMs = settings.integer(ExitDelay) * MsPerSecond;
    config.entryDelayMs = settings.integer(EntryDelay) * MsPerSecond;
    config.triggerTimeMs = settings.integer(TriggerTime) * MsPerSecond;
    config.codeArmRequired = settings.boolean(CodeArmRequired);
    config.codeMaxAttempts = int(settings.integer(CodeMaxAttempts));
    config.codeLockoutMs = settings.integer(CodeLockout) * MsPerSecond;
    config.heartbeatTimeoutMs = settings.integer(HeartbeatTimeout) * MsPerSecond;
    config.offlineGraceMs = settings.integer(OfflineGrace) * MsPerSecond;

    if (config.database.isEmpty()) {
        *error = settings.errorLine(Database, u"expected a file path"_s);
        return std::nullopt;
    }
    if (config.tlsCert.isEmpty() != config.tlsKey.isEmpty()) {
        const QString missing = config.tlsCert.isEmpty() ? TlsCert : TlsKey;
        const QString given = config.tlsCert.isEmpty() ? TlsKey : TlsCert;
        *error = settings.errorLine(given, u"needs %1 as well"_s.arg(missing));
        return std::nullopt;
    }
    if (!isLoopback(config.host) && config.apiTokens.isEmpty() && !config.allowNoAuth) {
        *error = settings.errorLine(Host, u"listening beyond loopback needs %1 (or %2=1 to run "
                                          "without authentication)"_s.arg(ApiTokens, AllowNoAuth));
        return std::nullopt;
    }
    return config;
}

#include "serversettings.h"

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

bool isLoopback(const QHostAddress &address)
{
    return address.isLoopback();
}

} // namespace

ProgramSpec ServerSettings::program()
{
    ProgramSpec program;
    program.name = u"vigil-server"_s;
    program.description =
        u"Vigil's backend: event API, WebSocket push, SQLite store, surveillance mode, web page."_s;

    SettingSpec host =
        text(u"HOST"_s, u"127.0.0.1"_s, u"Address to listen on (0.0.0.0 for every interface)."_s);
    host.validate = checkHost;
    SettingSpec tokens =
        text(u"API_TOKENS"_s, {}, u"Comma-separated bearer tokens; turns on auth."_s);
    tokens.secret = true;
    SettingSpec allowNoAuth =
        text(u"ALLOW_NO_AUTH"_s, u"false"_s, u"Allow a non-loopback HOST without API_TOKENS."_s);
    allowNoAuth.type = SettingSpec::Type::Boolean;
    SettingSpec databaseSync =
        text(u"DATABASE_SYNC"_s, u"normal"_s,
             u"normal: a stored event survives a crash or kill of the server; "
             "full: also a power cut (an fsync per write)."_s);
    databaseSync.type = SettingSpec::Type::Choice;
    databaseSync.choices = {u"normal"_s, u"full"_s};
    SettingSpec alertTypes = text(u"ALERT_TYPES"_s, u"motion_detected,button_pressed"_s,
                                  u"Event types flagged \"alert\" in surveillance mode."_s);
    alertTypes.validate = checkAlertTypes;

    program.settings = {
        integer(u"PORT"_s, 8000, 0, 65535, u"TCP port (0: any free)."_s),
        host,
        text(u"DATABASE"_s, u"vigil.db"_s, u"SQLite database file (created when missing)."_s),
        databaseSync,
        tokens,
        allowNoAuth,
        text(u"TLS_CERT"_s, {}, u"PEM certificate (chain) for HTTPS/WSS; needs TLS_KEY."_s),
        text(u"TLS_KEY"_s, {}, u"PEM private key for TLS_CERT."_s),
        integer(u"MAX_BODY"_s, 1024LL * 1024, 1024, 64LL * 1024 * 1024,
                u"Largest request body in bytes (413 above)."_s),
        alertTypes,
        integer(u"WS_MAX_BUFFER"_s, 4LL * 1024 * 1024, 64LL * 1024, 1024LL * 1024 * 1024,
                u"Unsent bytes after which a slow WebSocket client is dropped."_s),
        integer(u"WS_PING_INTERVAL"_s, 30, 1, 3600,
                u"Seconds between pings to a quiet WebSocket client."_s),
        Logging::levelSetting(),
    };
    return program;
}

std::optional<ServerConfig> ServerSettings::fromSettings(const Settings &settings, QString *error)
{
    ServerConfig config;
    config.host = QHostAddress(settings.text(u"HOST"_s));
    config.port = quint16(settings.integer(u"PORT"_s));
    config.database = settings.text(u"DATABASE"_s);
    config.databaseSync = settings.text(u"DATABASE_SYNC"_s) == u"full"
                              ? SqliteEventStore::Sync::Full
                              : SqliteEventStore::Sync::Normal;
    config.apiTokens = settings.list(u"API_TOKENS"_s);
    config.allowNoAuth = settings.boolean(u"ALLOW_NO_AUTH"_s);
    config.tlsCert = settings.text(u"TLS_CERT"_s);
    config.tlsKey = settings.text(u"TLS_KEY"_s);
    config.maxBody = settings.integer(u"MAX_BODY"_s);
    config.alertTypes = settings.list(u"ALERT_TYPES"_s);
    config.wsMaxBuffer = settings.integer(u"WS_MAX_BUFFER"_s);
    config.wsPingIntervalMs = int(settings.integer(u"WS_PING_INTERVAL"_s) * 1000);
    config.logLevel = settings.text(u"LOG_LEVEL"_s);

    if (config.database.isEmpty()) {
        *error = settings.errorLine(u"DATABASE"_s, u"expected a file path"_s);
        return std::nullopt;
    }
    if (config.tlsCert.isEmpty() != config.tlsKey.isEmpty()) {
        const QString missing = config.tlsCert.isEmpty() ? u"TLS_CERT"_s : u"TLS_KEY"_s;
        const QString given = config.tlsCert.isEmpty() ? u"TLS_KEY"_s : u"TLS_CERT"_s;
        *error = settings.errorLine(given, u"needs %1 as well"_s.arg(missing));
        return std::nullopt;
    }
    if (!isLoopback(config.host) && config.apiTokens.isEmpty() && !config.allowNoAuth) {
        *error = settings.errorLine(
            u"HOST"_s, u"listening beyond loopback needs API_TOKENS (or ALLOW_NO_AUTH=1 to "
                       "run without authentication)"_s);
        return std::nullopt;
    }
    return config;
}

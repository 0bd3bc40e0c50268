#include "serversettings.h"

#include "logging.h"

#include <QRegularExpression>

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
        return QStringLiteral("an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::1");
    return {};
}

QString checkAlertTypes(const QString &value)
{
    static const QRegularExpression typePattern(QStringLiteral("^[a-z0-9_]{1,64}$"));
    const QStringList types = value.split(u',', Qt::SkipEmptyParts);
    for (const QString &type : types) {
        if (!typePattern.match(type.trimmed()).hasMatch())
            return QStringLiteral("a comma-separated list of event types matching [a-z0-9_]{1,64}");
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
    program.name = QStringLiteral("vigil-server");
    program.description = QStringLiteral(
        "Vigil's backend: event API, WebSocket push, SQLite store, surveillance mode, web page.");

    SettingSpec host = text(QStringLiteral("HOST"), QStringLiteral("127.0.0.1"),
                            QStringLiteral("Address to listen on (0.0.0.0 for every interface)."));
    host.validate = checkHost;
    SettingSpec tokens = text(QStringLiteral("API_TOKENS"), {},
                              QStringLiteral("Comma-separated bearer tokens; turns on auth."));
    tokens.secret = true;
    SettingSpec allowNoAuth = text(QStringLiteral("ALLOW_NO_AUTH"), QStringLiteral("false"),
                                   QStringLiteral("Allow a non-loopback HOST without API_TOKENS."));
    allowNoAuth.type = SettingSpec::Type::Boolean;
    SettingSpec databaseSync =
        text(QStringLiteral("DATABASE_SYNC"), QStringLiteral("normal"),
             QStringLiteral("normal: a stored event survives a crash or kill of the server; "
                            "full: also a power cut (an fsync per write)."));
    databaseSync.type = SettingSpec::Type::Choice;
    databaseSync.choices = {QStringLiteral("normal"), QStringLiteral("full")};
    SettingSpec alertTypes =
        text(QStringLiteral("ALERT_TYPES"), QStringLiteral("motion_detected,button_pressed"),
             QStringLiteral("Event types flagged \"alert\" in surveillance mode."));
    alertTypes.validate = checkAlertTypes;

    program.settings = {
        integer(QStringLiteral("PORT"), 8000, 0, 65535, QStringLiteral("TCP port (0: any free).")),
        host,
        text(QStringLiteral("DATABASE"), QStringLiteral("vigil.db"),
             QStringLiteral("SQLite database file (created when missing).")),
        databaseSync,
        tokens,
        allowNoAuth,
        text(QStringLiteral("TLS_CERT"), {},
             QStringLiteral("PEM certificate (chain) for HTTPS/WSS; needs TLS_KEY.")),
        text(QStringLiteral("TLS_KEY"), {}, QStringLiteral("PEM private key for TLS_CERT.")),
        integer(QStringLiteral("MAX_BODY"), 1024 * 1024, 1024, 64 * 1024 * 1024,
                QStringLiteral("Largest request body in bytes (413 above).")),
        alertTypes,
        integer(QStringLiteral("WS_MAX_BUFFER"), 4 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024,
                QStringLiteral("Unsent bytes after which a slow WebSocket client is dropped.")),
        integer(QStringLiteral("WS_PING_INTERVAL"), 30, 1, 3600,
                QStringLiteral("Seconds between pings to a quiet WebSocket client.")),
        Logging::levelSetting(),
    };
    return program;
}

std::optional<ServerConfig> ServerSettings::fromSettings(const Settings &settings, QString *error)
{
    ServerConfig config;
    config.host = QHostAddress(settings.text(QStringLiteral("HOST")));
    config.port = quint16(settings.integer(QStringLiteral("PORT")));
    config.database = settings.text(QStringLiteral("DATABASE"));
    config.databaseSync = settings.text(QStringLiteral("DATABASE_SYNC")) == u"full"
                              ? SqliteEventStore::Sync::Full
                              : SqliteEventStore::Sync::Normal;
    config.apiTokens = settings.list(QStringLiteral("API_TOKENS"));
    config.allowNoAuth = settings.boolean(QStringLiteral("ALLOW_NO_AUTH"));
    config.tlsCert = settings.text(QStringLiteral("TLS_CERT"));
    config.tlsKey = settings.text(QStringLiteral("TLS_KEY"));
    config.maxBody = settings.integer(QStringLiteral("MAX_BODY"));
    config.alertTypes = settings.list(QStringLiteral("ALERT_TYPES"));
    config.wsMaxBuffer = settings.integer(QStringLiteral("WS_MAX_BUFFER"));
    config.wsPingIntervalMs = int(settings.integer(QStringLiteral("WS_PING_INTERVAL")) * 1000);
    config.logLevel = settings.text(QStringLiteral("LOG_LEVEL"));

    if (config.database.isEmpty()) {
        *error =
            settings.errorLine(QStringLiteral("DATABASE"), QStringLiteral("expected a file path"));
        return std::nullopt;
    }
    if (config.tlsCert.isEmpty() != config.tlsKey.isEmpty()) {
        const QString missing =
            config.tlsCert.isEmpty() ? QStringLiteral("TLS_CERT") : QStringLiteral("TLS_KEY");
        const QString given =
            config.tlsCert.isEmpty() ? QStringLiteral("TLS_KEY") : QStringLiteral("TLS_CERT");
        *error = settings.errorLine(given, QStringLiteral("needs %1 as well").arg(missing));
        return std::nullopt;
    }
    if (!isLoopback(config.host) && config.apiTokens.isEmpty() && !config.allowNoAuth) {
        *error = settings.errorLine(
            QStringLiteral("HOST"),
            QStringLiteral("listening beyond loopback needs API_TOKENS (or ALLOW_NO_AUTH=1 to "
                           "run without authentication)"));
        return std::nullopt;
    }
    return config;
}

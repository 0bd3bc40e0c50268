#include "bridgesettings.h"

#include "logging.h"

using namespace Qt::StringLiterals;

namespace {

QString syncName(Outbox::Sync sync)
{
    return sync == Outbox::Sync::Full ? u"full"_s : u"normal"_s;
}

} // namespace

QString BridgeSettings::topicFilterProblem(const QString &filter)
{
    if (filter.isEmpty())
        return u"an empty topic filter"_s;
    const QStringList levels = filter.split(u'/');
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString &level = levels.at(i);
        if (level.contains(u'#') && (level != u"#"_s || i != levels.size() - 1))
            return u"'#' only as the whole last level"_s;
        if (level.contains(u'+') && level != u"+"_s)
            return u"'+' only as a whole level"_s;
    }
    return {};
}

QList<QSslCertificate> BridgeSettings::caCertificates(const QString &path, QString *error)
{
    QList<QSslCertificate> certificates =
        QSslCertificate::fromPath(path, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
    if (certificates.isEmpty())
        *error = u"a readable PEM file with at least one certificate"_s;
    return certificates;
}

ProgramSpec BridgeSettings::program()
{
    using Type = SettingSpec::Type;
    const BridgeConfig defaults;
    QList<SettingSpec> settings = MqttSettings::specs();
    settings += {
        {.name = ClientId,
         .defaultValue = defaults.clientId,
         .help = u"stable MQTT client id: the broker keeps this persistent "
                 "session's messages while the bridge is down"_s},
        {.name = Topics,
         .defaultValue = defaults.topicFilters.join(u','),
         .help = u"comma-separated topic filters to subscribe to (QoS 1)"_s,
         .validate =
             [](const QString &value) {
                 const QStringList filters = value.split(u',', Qt::SkipEmptyParts);
                 for (const QString &filter : filters) {
                     const QString problem = topicFilterProblem(filter.trimmed());
                     if (!problem.isEmpty())
                         return u"MQTT topic filters (%1 in '%2')"_s.arg(problem, filter.trimmed());
                 }
                 return QString();
             }},
        {.name = BackendUrl,
         .type = Type::Url,
         .defaultValue = defaults.forwarder.backendUrl.toString(),
         .help = u"base URL of vigil-server; events go to <url>/api/events"_s},
        {.name = BackendToken,
         .help = u"bearer token sent to the backend (one of its API_TOKENS)"_s,
         .secret = true},
        {.name = BackendCaFile,
         .help = u"extra CA certificate(s), PEM, trusted for an https BACKEND_URL"_s,
         .validate =
             [](const QString &value) {
                 QString problem;
                 caCertificates(value, &problem);
                 return problem;
             }},
        {.name = OutboxPath,
         .defaultValue = defaults.outboxPath,
         .help = u"SQLite file holding events until the backend has them"_s},
        {.name = OutboxSync,
         .type = Type::Choice,
         .defaultValue = syncName(defaults.outboxSync),
         .help = u"normal: every stored event survives a crash or kill of the "
                 "bridge; full: also a power cut (an fsync per write)"_s,
         .choices = {syncName(Outbox::Sync::Normal), syncName(Outbox::Sync::Full)}},
        {.name = OutboxMaxEvents,
         .type = Type::Integer,
         .defaultValue = QString::number(defaults.outboxMaxEvents),
         .help = u"outbox limit; past it the oldest events are discarded (counted)"_s,
         .minimum = 1,
         .maximum = 1000000000},
        {.name = TypeMap,
         .defaultValue = defaults.typeMap,
         .help = u"FROM=to type pairs, comma-separated, on top of the default "
                 "PRESSURE_DETECTED=button_pressed; others are lower-cased"_s,
         .validate = [](const QString &value) { return EventConverter::typeMapProblem(value); }},
        {.name = DeviceId,
         .defaultValue = defaults.defaultDeviceId,
         .help = u"device_id for events that carry none"_s},
        {.name = MaxPayload,
         .type = Type::Integer,
         .defaultValue = QString::number(defaults.maxPayload),
         .help = u"largest MQTT payload accepted, in bytes"_s,
         .minimum = 64,
         .maximum = 1024LL * 1024},
        {.name = BatchMaxBytes,
         .type = Type::Integer,
         .defaultValue = QString::number(defaults.forwarder.maxBatchBytes),
         .help = u"largest batch request body, in bytes"_s,
         .minimum = 1024,
         .maximum = 64LL * 1024 * 1024},
        {.name = BatchMaxEvents,
         .type = Type::Integer,
         .defaultValue = QString::number(defaults.forwarder.maxBatchEvents),
         .help = u"most events in one batch request (the server takes 1000)"_s,
         .minimum = 1,
         .maximum = 1000},
        {.name = BridgeId,
         .help = u"this bridge's name in the server's supervision (GET /api/bridges), "
                 "at most 64 characters; default MQTT_CLIENT_ID"_s,
         .validate =
             [](const QString &value) {
                 return value.size() > 64 ? u"expected at most 64 characters"_s : QString();
             }},
        {.name = HeartbeatInterval,
         .type = Type::Integer,
         .defaultValue = QString::number(defaults.heartbeatIntervalMs / 1000),
         .help = u"seconds between heartbeats to the server, which reports a house it "
                 "stops hearing from"_s,
         .minimum = 1,
         .maximum = 3600},
        Logging::levelSetting(),
        {.name = Status,
         .type = Type::Switch,
         .help = u"print the outbox depth, dead letters, last delivery and last "
                 "error of OUTBOX, then exit"_s,
         .flag = u"status"_s},
    };
    return {u"vigil-bridge"_s, u"Delivers sensor events from MQTT to vigil-server, losing none."_s,
            settings};
}

std::optional<BridgeConfig> BridgeSettings::load(const Settings &settings, QString *error)
{
    BridgeConfig config;
    config.mqtt = MqttSettings::load(settings);
    config.clientId = settings.text(ClientId);
    config.topicFilters = settings.list(Topics);
    config.outboxPath = settings.text(OutboxPath);
    config.outboxSync = settings.text(OutboxSync) == syncName(Outbox::Sync::Full)
                            ? Outbox::Sync::Full
                            : Outbox::Sync::Normal;
    config.outboxMaxEvents = settings.integer(OutboxMaxEvents);
    config.typeMap = settings.text(TypeMap);
    config.defaultDeviceId = settings.text(DeviceId);
    config.maxPayload = settings.integer(MaxPayload);
    config.forwarder.backendUrl = settings.url(BackendUrl);
    config.forwarder.token = settings.text(BackendToken);
    config.forwarder.maxBatchBytes = settings.integer(BatchMaxBytes);
    config.forwarder.maxBatchEvents = int(settings.integer(BatchMaxEvents));
    if (settings.isSet(BackendCaFile)) {
        QString problem;
        config.forwarder.extraCaCertificates =
            caCertificates(settings.text(BackendCaFile), &problem);
        if (!problem.isEmpty()) {
            *error = settings.errorLine(BackendCaFile, problem);
            return std::nullopt;
        }
    }
    config.bridgeId = settings.text(BridgeId);
    if (config.bridgeId.isEmpty())
        config.bridgeId = config.clientId.left(64);
    config.heartbeatIntervalMs = int(settings.integer(HeartbeatInterval) * 1000);
    config.logLevel = settings.text(Logging::levelSetting().name);
    config.printStatus = settings.boolean(Status);
    return config;
}

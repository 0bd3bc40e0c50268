#include "bridgesettings.h"

#include "eventconverter.h"
#include "forwarder.h"
#include "logging.h"
#include "mqttsettings.h"

#include <QSysInfo>

namespace BridgeSettings {

QString topicFilterProblem(const QString &filter)
{
    if (filter.isEmpty())
        return QStringLiteral("an empty topic filter");
    const QStringList levels = filter.split(u'/');
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString &level = levels.at(i);
        if (level.contains(u'#') && (level != u"#"_qs || i != levels.size() - 1))
            return QStringLiteral("'#' only as the whole last level");
        if (level.contains(u'+') && level != u"+"_qs)
            return QStringLiteral("'+' only as a whole level");
    }
    return {};
}

QList<QSslCertificate> caCertificates(const QString &path, QString *error)
{
    const QList<QSslCertificate> certificates =
        QSslCertificate::fromPath(path, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
    if (certificates.isEmpty())
        *error = QStringLiteral("a readable PEM file with at least one certificate");
    return certificates;
}

ProgramSpec program()
{
    using Type = SettingSpec::Type;
    QList<SettingSpec> settings = MqttSettings::specs();
    settings += {
        {.name = QStringLiteral("MQTT_CLIENT_ID"),
         .defaultValue = QStringLiteral("vigil-bridge-") + QSysInfo::machineHostName(),
         .help = QStringLiteral("stable MQTT client id: the broker keeps this persistent "
                                "session's messages while the bridge is down")},
        {.name = QStringLiteral("MQTT_TOPICS"),
         .defaultValue = QStringLiteral("sensor/#"),
         .help = QStringLiteral("comma-separated topic filters to subscribe to (QoS 1)"),
         .validate =
             [](const QString &value) {
                 const QStringList filters = value.split(u',', Qt::SkipEmptyParts);
                 for (const QString &filter : filters) {
                     const QString problem = topicFilterProblem(filter.trimmed());
                     if (!problem.isEmpty())
                         return QStringLiteral("MQTT topic filters (%1 in '%2')")
                             .arg(problem, filter.trimmed());
                 }
                 return QString();
             }},
        {.name = QStringLiteral("BACKEND_URL"),
         .type = Type::Url,
         .defaultValue = QStringLiteral("http://localhost:8000"),
         .help = QStringLiteral("base URL of vigil-server; events go to <url>/api/events")},
        {.name = QStringLiteral("BACKEND_TOKEN"),
         .help = QStringLiteral("bearer token sent to the backend (one of its API_TOKENS)"),
         .secret = true},
        {.name = QStringLiteral("BACKEND_CAFILE"),
         .help = QStringLiteral("extra CA certificate(s), PEM, trusted for an https BACKEND_URL"),
         .validate =
             [](const QString &value) {
                 QString problem;
                 caCertificates(value, &problem);
                 return problem;
             }},
        {.name = QStringLiteral("OUTBOX"),
         .defaultValue = QStringLiteral("vigil-bridge-outbox.db"),
         .help = QStringLiteral("SQLite file holding events until the backend has them")},
        {.name = QStringLiteral("OUTBOX_SYNC"),
         .type = Type::Choice,
         .defaultValue = QStringLiteral("normal"),
         .help = QStringLiteral("normal: every stored event survives a crash or kill of the "
                                "bridge; full: also a power cut (an fsync per write)"),
         .choices = {QStringLiteral("normal"), QStringLiteral("full")}},
        {.name = QStringLiteral("OUTBOX_MAX_EVENTS"),
         .type = Type::Integer,
         .defaultValue = QStringLiteral("1000000"),
         .help = QStringLiteral("outbox limit; past it the oldest events are discarded (counted)"),
         .minimum = 1,
         .maximum = 1000000000},
        {.name = QStringLiteral("TYPE_MAP"),
         .defaultValue = EventConverter::DefaultTypeMap,
         .help = QStringLiteral("FROM=to type pairs, comma-separated, on top of the default "
                                "PRESSURE_DETECTED=button_pressed; others are lower-cased"),
         .validate = [](const QString &value) { return EventConverter::typeMapProblem(value); }},
        {.name = QStringLiteral("DEVICE_ID"),
         .defaultValue = QStringLiteral("unknown"),
         .help = QStringLiteral("device_id for events that carry none")},
        {.name = QStringLiteral("MAX_PAYLOAD"),
         .type = Type::Integer,
         .defaultValue = QString::number(EventConverter::DefaultMaxPayload),
         .help = QStringLiteral("largest MQTT payload accepted, in bytes"),
         .minimum = 64,
         .maximum = 1024 * 1024},
        {.name = QStringLiteral("BATCH_MAX_BYTES"),
         .type = Type::Integer,
         .defaultValue = QString::number(Forwarder::DefaultMaxBatchBytes),
         .help = QStringLiteral("largest batch request body, in bytes"),
         .minimum = 1024,
         .maximum = 64 * 1024 * 1024},
        {.name = QStringLiteral("BATCH_MAX_EVENTS"),
         .type = Type::Integer,
         .defaultValue = QString::number(Forwarder::DefaultMaxBatchEvents),
         .help = QStringLiteral("most events in one batch request (the server takes 1000)"),
         .minimum = 1,
         .maximum = 1000},
        Logging::levelSetting(),
        {.name = QStringLiteral("BRIDGE_STATUS"),
         .type = Type::Switch,
         .help = QStringLiteral("print the outbox depth, dead letters, last delivery and last "
                                "error of OUTBOX, then exit"),
         .flag = QStringLiteral("status")},
    };
    return {QStringLiteral("vigil-bridge"),
            QStringLiteral("Delivers sensor events from MQTT to vigil-server, losing none."),
            settings};
}

} // namespace BridgeSettings

#include "bridgesettings.h"

#include "eventconverter.h"
#include "forwarder.h"
#include "logging.h"
#include "mqttsettings.h"

#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace BridgeSettings {

QString topicFilterProblem(const QString &filter)
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

QList<QSslCertificate> caCertificates(const QString &path, QString *error)
{
    QList<QSslCertificate> certificates =
        QSslCertificate::fromPath(path, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
    if (certificates.isEmpty())
        *error = u"a readable PEM file with at least one certificate"_s;
    return certificates;
}

ProgramSpec program()
{
    using Type = SettingSpec::Type;
    QList<SettingSpec> settings = MqttSettings::specs();
    settings += {
        {.name = u"MQTT_CLIENT_ID"_s,
         .defaultValue = u"vigil-bridge-"_s + QSysInfo::machineHostName(),
         .help = u"stable MQTT client id: the broker keeps this persistent "
                 "session's messages while the bridge is down"_s},
        {.name = u"MQTT_TOPICS"_s,
         .defaultValue = u"sensor/#"_s,
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
        {.name = u"BACKEND_URL"_s,
         .type = Type::Url,
         .defaultValue = u"http://localhost:8000"_s,
         .help = u"base URL of vigil-server; events go to <url>/api/events"_s},
        {.name = u"BACKEND_TOKEN"_s,
         .help = u"bearer token sent to the backend (one of its API_TOKENS)"_s,
         .secret = true},
        {.name = u"BACKEND_CAFILE"_s,
         .help = u"extra CA certificate(s), PEM, trusted for an https BACKEND_URL"_s,
         .validate =
             [](const QString &value) {
                 QString problem;
                 caCertificates(value, &problem);
                 return problem;
             }},
        {.name = u"OUTBOX"_s,
         .defaultValue = u"vigil-bridge-outbox.db"_s,
         .help = u"SQLite file holding events until the backend has them"_s},
        {.name = u"OUTBOX_SYNC"_s,
         .type = Type::Choice,
         .defaultValue = u"normal"_s,
         .help = u"normal: every stored event survives a crash or kill of the "
                 "bridge; full: also a power cut (an fsync per write)"_s,
         .choices = {u"normal"_s, u"full"_s}},
        {.name = u"OUTBOX_MAX_EVENTS"_s,
         .type = Type::Integer,
         .defaultValue = u"1000000"_s,
         .help = u"outbox limit; past it the oldest events are discarded (counted)"_s,
         .minimum = 1,
         .maximum = 1000000000},
        {.name = u"TYPE_MAP"_s,
         .defaultValue = EventConverter::DefaultTypeMap,
         .help = u"FROM=to type pairs, comma-separated, on top of the default "
                 "PRESSURE_DETECTED=button_pressed; others are lower-cased"_s,
         .validate = [](const QString &value) { return EventConverter::typeMapProblem(value); }},
        {.name = u"DEVICE_ID"_s,
         .defaultValue = u"unknown"_s,
         .help = u"device_id for events that carry none"_s},
        {.name = u"MAX_PAYLOAD"_s,
         .type = Type::Integer,
         .defaultValue = QString::number(EventConverter::DefaultMaxPayload),
         .help = u"largest MQTT payload accepted, in bytes"_s,
         .minimum = 64,
         .maximum = 1024LL * 1024},
        {.name = u"BATCH_MAX_BYTES"_s,
         .type = Type::Integer,
         .defaultValue = QString::number(Forwarder::DefaultMaxBatchBytes),
         .help = u"largest batch request body, in bytes"_s,
         .minimum = 1024,
         .maximum = 64LL * 1024 * 1024},
        {.name = u"BATCH_MAX_EVENTS"_s,
         .type = Type::Integer,
         .defaultValue = QString::number(Forwarder::DefaultMaxBatchEvents),
         .help = u"most events in one batch request (the server takes 1000)"_s,
         .minimum = 1,
         .maximum = 1000},
        Logging::levelSetting(),
        {.name = u"BRIDGE_STATUS"_s,
         .type = Type::Switch,
         .help = u"print the outbox depth, dead letters, last delivery and last "
                 "error of OUTBOX, then exit"_s,
         .flag = u"status"_s},
    };
    return {u"vigil-bridge"_s, u"Delivers sensor events from MQTT to vigil-server, losing none."_s,
            settings};
}

} // namespace BridgeSettings

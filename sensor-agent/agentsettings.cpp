#include "agentsettings.h"

#include "logging.h"
#include "mqttsettings.h"

#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace {

QString checkTopic(const QString &topic)
{
    if (topic.contains(u'+') || topic.contains(u'#'))
        return u"a topic to publish to, without the wildcards + and #"_s;
    if (topic.startsWith(u'/') || topic.endsWith(u'/'))
        return u"a topic without a leading or trailing / (e.g. sensor/motion)"_s;
    if (topic.toUtf8().size() > 1000)
        return u"a topic of at most 1000 bytes"_s;
    return {};
}

QString checkDeviceId(const QString &deviceId)
{
    if (deviceId.size() > 128)
        return u"at most 128 characters (the server's limit)"_s;
    return {};
}

} // namespace

ProgramSpec AgentSettings::programSpec()
{
    using Type = SettingSpec::Type;
    ProgramSpec program{
        .name = u"vigil-agent"_s,
        .description = u"Reads a PIR or pressure-mat GPIO line (or simulated input) and "
                       "publishes the guide's sensor events to MQTT."_s,
        .settings = MqttSettings::specs(),
    };
    program.settings += QList<SettingSpec>{
        {.name = u"MQTT_TOPIC"_s,
         .help = u"topic of the events; availability on <topic>/status (default sensor/<kind>)"_s,
         .validate = checkTopic},
        {.name = u"SENSOR_KIND"_s,
         .type = Type::Choice,
         .help = u"motion or pressure (default: the last level of MQTT_TOPIC if it names one, "
                 "else motion)"_s,
         .choices = {u"motion"_s, u"pressure"_s}},
        {.name = u"SENSOR_PIN"_s,
         .type = Type::Integer,
         .help = u"GPIO line offset on the chip (default 17 for motion, 27 for pressure)"_s,
         .minimum = 0,
         .maximum = 1023},
        {.name = u"GPIO_CHIP"_s,
         .defaultValue = u"gpiochip0"_s,
         .help = u"GPIO chip: a name (gpiochip0), number, label or /dev path"_s},
        {.name = u"ACTIVE_LOW"_s,
         .type = Type::Boolean,
         .defaultValue = u"false"_s,
         .help = u"the sensor pulls the line low when active"_s},
        {.name = u"DEBOUNCE_MS"_s,
         .type = Type::Integer,
         .defaultValue = u"30"_s,
         .help = u"edges within this many ms after an accepted edge are bounce"_s,
         .minimum = 0,
         .maximum = 10000},
        {.name = u"PRESSURE_MIN_MS"_s,
         .type = Type::Integer,
         .defaultValue = u"50"_s,
         .help = u"presses shorter than this many ms are ignored as noise"_s,
         .minimum = 0,
         .maximum = 3600000},
        {.name = u"DEVICE_ID"_s,
         .help = u"device_id of the events (default: the host name)"_s,
         .validate = checkDeviceId},
        {.name = u"SIMULATE"_s,
         .type = Type::Choice,
         .defaultValue = u"off"_s,
         .help = u"stdin: read edges from standard input (1 active, 0 inactive) instead of "
                 "GPIO"_s,
         .choices = {u"off"_s, u"stdin"_s}},
        {.name = u"QUEUE_MAX"_s,
         .type = Type::Integer,
         .defaultValue = u"10000"_s,
         .help = u"events kept while the broker is unreachable (the oldest is dropped)"_s,
         .minimum = 1,
         .maximum = 10000000},
        Logging::levelSetting(),
    };
    return program;
}

std::optional<AgentSettings> AgentSettings::resolve(const Settings &settings, QString *error)
{
    AgentSettings result;
    const QString topic = settings.text(u"MQTT_TOPIC"_s);
    const QString lastLevel = topic.section(u'/', -1);
    const bool topicNamesKind = lastLevel == u"motion"_s || lastLevel == u"pressure"_s;
    QString kind = settings.text(u"SENSOR_KIND"_s);
    if (kind.isEmpty()) {
        kind = topicNamesKind ? lastLevel : u"motion"_s;
    } else if (topicNamesKind && kind != lastLevel) {
        // PRESSURE_DETECTED on sensor/motion would mislead every subscriber: a mistake, not a wish.
        *error = settings.errorLine(u"SENSOR_KIND"_s,
                                    u"MQTT_TOPIC=%1 names the other kind; set MQTT_TOPIC to "
                                    "sensor/%2 or leave it unset"_s.arg(topic, kind));
        return std::nullopt;
    }
    result.kind = kind == u"pressure"_s ? SensorLogic::Kind::Pressure : SensorLogic::Kind::Motion;
    result.topic = topic.isEmpty() ? u"sensor/"_s + kind : topic;
    result.gpioPin = settings.isSet(u"SENSOR_PIN"_s)
                         ? int(settings.integer(u"SENSOR_PIN"_s))
                         : (result.kind == SensorLogic::Kind::Pressure ? 27 : 17);
    result.gpioChip = settings.text(u"GPIO_CHIP"_s);
    if (result.gpioChip.isEmpty())
        result.gpioChip = u"gpiochip0"_s;
    result.activeLow = settings.boolean(u"ACTIVE_LOW"_s);
    result.debounceMs = int(settings.integer(u"DEBOUNCE_MS"_s));
    result.pressureMinMs = int(settings.integer(u"PRESSURE_MIN_MS"_s));
    result.deviceId = settings.text(u"DEVICE_ID"_s);
    if (result.deviceId.isEmpty())
        result.deviceId = QSysInfo::machineHostName();
    if (result.deviceId.isEmpty())
        result.deviceId = u"unknown"_s;
    result.simulation =
        settings.text(u"SIMULATE"_s) == u"stdin"_s ? Simulation::Stdin : Simulation::Off;
    result.queueMax = int(settings.integer(u"QUEUE_MAX"_s));
    result.logLevel = settings.text(Logging::levelSetting().name);
    return result;
}

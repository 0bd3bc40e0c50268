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

QString simulationName(AgentConfig::Simulation simulation)
{
    return simulation == AgentConfig::Simulation::Stdin ? u"stdin"_s : u"off"_s;
}

QString booleanText(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

} // namespace

ProgramSpec AgentSettings::program()
{
    using Type = SettingSpec::Type;
    const AgentConfig defaults;
    ProgramSpec program{
        .name = u"vigil-agent"_s,
        .description = u"Reads a PIR or pressure-mat GPIO line (or simulated input) and "
                       "publishes the guide's sensor events to MQTT."_s,
        .settings = MqttSettings::specs(),
    };
    program.settings += QList<SettingSpec>{
        {.name = Topic,
         .help = u"topic of the events; availability on <topic>/status (default sensor/<kind>)"_s,
         .validate = checkTopic},
        {.name = SensorKind,
         .type = Type::Choice,
         .help = u"motion or pressure (default: the last level of MQTT_TOPIC if it names one, "
                 "else motion)"_s,
         .choices = {SensorLogic::kindName(SensorLogic::Kind::Motion),
                     SensorLogic::kindName(SensorLogic::Kind::Pressure)}},
        {.name = SensorPin,
         .type = Type::Integer,
         .help = u"GPIO line offset on the chip (default %1 for motion, %2 for pressure)"_s
                     .arg(AgentConfig::MotionPin)
                     .arg(AgentConfig::PressurePin),
         .minimum = 0,
         .maximum = 1023},
        {.name = GpioChip,
         .defaultValue = defaults.gpioChip,
         .help = u"GPIO chip: a name (gpiochip0), number, label or /dev path"_s},
        {.name = ActiveLow,
         .type = Type::Boolean,
         .defaultValue = booleanText(defaults.activeLow),
         .help = u"the sensor pulls the line low when active"_s},
        {.name = DebounceMs,
         .type = Type::Integer,
         .defaultValue = QString::number(defaults.debounceMs),
         .help = u"edges within this many ms after an accepted edge are bounce"_s,
         .minimum = 0,
         .maximum = 10000},
        {.name = PressureMinMs,
         .type = Type::Integer,
         .defaultValue = QString::number(defaults.pressureMinMs),
         .help = u"presses shorter than this many ms are ignored as noise"_s,
         .minimum = 0,
         .maximum = 3600000},
        {.name = DeviceId,
         .help = u"device_id of the events (default: the host name)"_s,
         .validate = checkDeviceId},
        {.name = Simulate,
         .type = Type::Choice,
         .defaultValue = simulationName(defaults.simulation),
         .help = u"stdin: read edges from standard input (1 active, 0 inactive) instead of "
                 "GPIO"_s,
         .choices = {simulationName(AgentConfig::Simulation::Off),
                     simulationName(AgentConfig::Simulation::Stdin)}},
        {.name = QueueMax,
         .type = Type::Integer,
         .defaultValue = QString::number(defaults.queueMax),
         .help = u"events kept while the broker is unreachable (the oldest is dropped)"_s,
         .minimum = 1,
         .maximum = 10000000},
        Logging::levelSetting(),
    };
    return program;
}

std::optional<AgentConfig> AgentSettings::load(const Settings &settings, QString *error)
{
    const QString motion = SensorLogic::kindName(SensorLogic::Kind::Motion);
    const QString pressure = SensorLogic::kindName(SensorLogic::Kind::Pressure);
    AgentConfig config;
    config.mqtt = MqttSettings::load(settings);
    const QString topic = settings.text(Topic);
    const QString lastLevel = topic.section(u'/', -1);
    const bool topicNamesKind = lastLevel == motion || lastLevel == pressure;
    QString kind = settings.text(SensorKind);
    if (kind.isEmpty()) {
        kind = topicNamesKind ? lastLevel : SensorLogic::kindName(config.kind);
    } else if (topicNamesKind && kind != lastLevel) {
        // PRESSURE_DETECTED on sensor/motion would mislead every subscriber: a mistake, not a wish.
        *error =
            settings.errorLine(SensorKind, u"%1=%2 names the other kind; set %1 to sensor/%3 or "
                                           "leave it unset"_s.arg(Topic, topic, kind));
        return std::nullopt;
    }
    config.kind = kind == pressure ? SensorLogic::Kind::Pressure : SensorLogic::Kind::Motion;
    config.topic = topic.isEmpty() ? u"sensor/"_s + kind : topic;
    config.gpioPin = settings.isSet(SensorPin) ? int(settings.integer(SensorPin))
                                               : AgentConfig::defaultPin(config.kind);
    if (settings.isSet(GpioChip)) // set to nothing: the default all the same
        config.gpioChip = settings.text(GpioChip);
    config.activeLow = settings.boolean(ActiveLow);
    config.debounceMs = int(settings.integer(DebounceMs));
    config.pressureMinMs = int(settings.integer(PressureMinMs));
    config.deviceId = settings.text(DeviceId);
    if (config.deviceId.isEmpty())
        config.deviceId = QSysInfo::machineHostName();
    if (config.deviceId.isEmpty())
        config.deviceId = u"unknown"_s;
    config.simulation = settings.text(Simulate) == simulationName(AgentConfig::Simulation::Stdin)
                            ? AgentConfig::Simulation::Stdin
                            : AgentConfig::Simulation::Off;
    config.queueMax = int(settings.integer(QueueMax));
    config.logLevel = settings.text(Logging::levelSetting().name);
    return config;
}

#pragma once

#include "mqttsettings.h"
#include "sensorlogic.h"
#include "settings.h"

#include <QString>

#include <optional>

// Everything vigil-agent runs with, as its settings give it; the defaults here are the settings
// table's. A plain value.
struct AgentConfig
{
    enum class Simulation { Off, Stdin };

    // SENSOR_PIN's default depends on the kind: the guide wires the PIR to 17, the mat to 27.
    static constexpr int MotionPin = 17;
    static constexpr int PressurePin = 27;
    static int defaultPin(SensorLogic::Kind kind)
    {
        return kind == SensorLogic::Kind::Pressure ? PressurePin : MotionPin;
    }

    MqttConfig mqtt;
    SensorLogic::Kind kind = SensorLogic::Kind::Motion;
    QString topic; // sensor/<kind> unless MQTT_TOPIC says otherwise
    int gpioPin = MotionPin;
    QString gpioChip = QStringLiteral("gpiochip0");
    bool activeLow = false;
    int debounceMs = 30;
    int pressureMinMs = 50;
    QString deviceId; // the host name unless DEVICE_ID says otherwise
    Simulation simulation = Simulation::Off;
    int queueMax = 10000;
    QString logLevel;
};

// vigil-agent's settings table and how its values become an AgentConfig, including the defaults
// that depend on other settings (the kind from MQTT_TOPIC, the topic and pin from the kind), so
// that the guide's compose service with only MQTT_TOPIC=sensor/pressure and SENSOR_PIN=27 works.
class AgentSettings
{
public:
    static inline const QString Topic = QStringLiteral("MQTT_TOPIC");
    static inline const QString SensorKind = QStringLiteral("SENSOR_KIND");
    static inline const QString SensorPin = QStringLiteral("SENSOR_PIN");
    static inline const QString GpioChip = QStringLiteral("GPIO_CHIP");
    static inline const QString ActiveLow = QStringLiteral("ACTIVE_LOW");
    static inline const QString DebounceMs = QStringLiteral("DEBOUNCE_MS");
    static inline const QString PressureMinMs = QStringLiteral("PRESSURE_MIN_MS");
    static inline const QString DeviceId = QStringLiteral("DEVICE_ID");
    static inline const QString Simulate = QStringLiteral("SIMULATE");
    static inline const QString QueueMax = QStringLiteral("QUEUE_MAX");

    static ProgramSpec program();

    // The config of the loaded table; on a cross-setting problem nullopt with the error line.
    static std::optional<AgentConfig> load(const Settings &settings, QString *error);
};

#pragma once

#include "sensorlogic.h"
#include "settings.h"

#include <QString>

#include <optional>

// vigil-agent's settings table and the values resolved from it, including the defaults that
// depend on other settings (the kind from MQTT_TOPIC, the topic and pin from the kind), so that
// the guide's compose service with only MQTT_TOPIC=sensor/pressure and SENSOR_PIN=27 works.
// A plain value.
struct AgentSettings
{
    enum class Simulation { Off, Stdin };

    SensorLogic::Kind kind = SensorLogic::Kind::Motion;
    QString topic;
    int gpioPin = 17;
    QString gpioChip;
    bool activeLow = false;
    int debounceMs = 30;
    int pressureMinMs = 50;
    QString deviceId;
    Simulation simulation = Simulation::Off;
    int queueMax = 10000;
    QString logLevel;

    static ProgramSpec programSpec();

    // Resolves the loaded table; on a cross-setting problem returns nullopt with the error line.
    static std::optional<AgentSettings> resolve(const Settings &settings, QString *error);
};

#pragma once

#include "settings.h"

class MqttClient;

// The MQTT settings every MQTT program shares (MQTT_BROKER, MQTT_PORT, MQTT_USERNAME,
// MQTT_PASSWORD, MQTT_CAFILE, MQTT_KEEPALIVE) and how they configure an MqttClient.
namespace MqttSettings {

QList<SettingSpec> specs();
void apply(const Settings &settings, MqttClient *client);

} // namespace MqttSettings

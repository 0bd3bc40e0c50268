#pragma once

#include "settings.h"

#include <QString>

class MqttClient;

// The broker connection of an MQTT program, as its settings give it. A plain value.
struct MqttConfig
{
    QString broker = QStringLiteral("localhost");
    quint16 port = 1883;
    QString username; // empty: anonymous
    QString password; // secret: never logged
    QString caFile;   // set: TLS, trusting this CA
    int keepAliveSeconds = 30;
};

// The MQTT rows every MQTT program shares (MQTT_BROKER, MQTT_PORT, MQTT_USERNAME, MQTT_PASSWORD,
// MQTT_CAFILE, MQTT_KEEPALIVE): the program's table takes specs(), its load() takes load(), and
// main() hands the result to apply(). The defaults are MqttConfig's.
class MqttSettings
{
public:
    static inline const QString Broker = QStringLiteral("MQTT_BROKER");
    static inline const QString Port = QStringLiteral("MQTT_PORT");
    static inline const QString Username = QStringLiteral("MQTT_USERNAME");
    static inline const QString Password = QStringLiteral("MQTT_PASSWORD");
    static inline const QString CaFile = QStringLiteral("MQTT_CAFILE");
    static inline const QString KeepAlive = QStringLiteral("MQTT_KEEPALIVE");

    static QList<SettingSpec> specs();
    static MqttConfig load(const Settings &settings);
    static void apply(const MqttConfig &config, MqttClient *client);
};

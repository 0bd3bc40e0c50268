#include "mqttsettings.h"

#include "mqttclient.h"

#include <QFileInfo>

namespace MqttSettings {

QList<SettingSpec> specs()
{
    using Type = SettingSpec::Type;
    SettingSpec broker{.name = QStringLiteral("MQTT_BROKER"),
                       .defaultValue = QStringLiteral("localhost"),
                       .help = QStringLiteral("host name or address of the MQTT broker")};
    SettingSpec port{.name = QStringLiteral("MQTT_PORT"),
                     .type = Type::Integer,
                     .defaultValue = QStringLiteral("1883"),
                     .help = QStringLiteral("TCP port of the MQTT broker"),
                     .minimum = 1,
                     .maximum = 65535};
    SettingSpec username{.name = QStringLiteral("MQTT_USERNAME"),
                         .help = QStringLiteral("user name for the broker (empty: anonymous)")};
    SettingSpec password{.name = QStringLiteral("MQTT_PASSWORD"),
                         .help = QStringLiteral("password for the broker"),
                         .secret = true};
    SettingSpec caFile{
        .name = QStringLiteral("MQTT_CAFILE"),
        .help = QStringLiteral("CA certificate (PEM) of the broker; setting it enables TLS"),
        .validate = [](const QString &value) {
            const QFileInfo file(value);
            return file.isFile() && file.isReadable() ? QString()
                                                      : QStringLiteral("a readable file");
        }};
    SettingSpec keepAlive{.name = QStringLiteral("MQTT_KEEPALIVE"),
                          .type = Type::Integer,
                          .defaultValue = QStringLiteral("30"),
                          .help = QStringLiteral("seconds between keepalive pings"),
                          .minimum = 5,
                          .maximum = 3600};
    return {broker, port, username, password, caFile, keepAlive};
}

void apply(const Settings &settings, MqttClient *client)
{
    client->setHostname(settings.text(QStringLiteral("MQTT_BROKER")));
    client->setPort(quint16(settings.integer(QStringLiteral("MQTT_PORT"))));
    client->setUsername(settings.text(QStringLiteral("MQTT_USERNAME")));
    client->setPassword(settings.text(QStringLiteral("MQTT_PASSWORD")));
    client->setCaFile(settings.text(QStringLiteral("MQTT_CAFILE")));
    client->setKeepAlive(int(settings.integer(QStringLiteral("MQTT_KEEPALIVE"))));
}

} // namespace MqttSettings

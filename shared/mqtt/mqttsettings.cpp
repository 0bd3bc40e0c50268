#include "mqttsettings.h"

#include "mqttclient.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace MqttSettings {

QList<SettingSpec> specs()
{
    using Type = SettingSpec::Type;
    SettingSpec broker{.name = u"MQTT_BROKER"_s,
                       .defaultValue = u"localhost"_s,
                       .help = u"host name or address of the MQTT broker"_s};
    SettingSpec port{.name = u"MQTT_PORT"_s,
                     .type = Type::Integer,
                     .defaultValue = u"1883"_s,
                     .help = u"TCP port of the MQTT broker"_s,
                     .minimum = 1,
                     .maximum = 65535};
    SettingSpec username{.name = u"MQTT_USERNAME"_s,
                         .help = u"user name for the broker (empty: anonymous)"_s};
    SettingSpec password{
        .name = u"MQTT_PASSWORD"_s, .help = u"password for the broker"_s, .secret = true};
    SettingSpec caFile{.name = u"MQTT_CAFILE"_s,
                       .help = u"CA certificate (PEM) of the broker; setting it enables TLS"_s,
                       .validate = [](const QString &value) {
                           const QFileInfo file(value);
                           return file.isFile() && file.isReadable() ? QString()
                                                                     : u"a readable file"_s;
                       }};
    SettingSpec keepAlive{.name = u"MQTT_KEEPALIVE"_s,
                          .type = Type::Integer,
                          .defaultValue = u"30"_s,
                          .help = u"seconds between keepalive pings"_s,
                          .minimum = 5,
                          .maximum = 3600};
    return {broker, port, username, password, caFile, keepAlive};
}

void apply(const Settings &settings, MqttClient *client)
{
    client->setHostname(settings.text(u"MQTT_BROKER"_s));
    client->setPort(quint16(settings.integer(u"MQTT_PORT"_s)));
    client->setUsername(settings.text(u"MQTT_USERNAME"_s));
    client->setPassword(settings.text(u"MQTT_PASSWORD"_s));
    client->setCaFile(settings.text(u"MQTT_CAFILE"_s));
    client->setKeepAlive(int(settings.integer(u"MQTT_KEEPALIVE"_s)));
}

} // namespace MqttSettings

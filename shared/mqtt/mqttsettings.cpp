#include "mqttsettings.h"

#include "mqttclient.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

QList<SettingSpec> MqttSettings::specs()
{
    using Type = SettingSpec::Type;
    const MqttConfig defaults;
    SettingSpec broker{.name = Broker,
                       .defaultValue = defaults.broker,
                       .help = u"host name or address of the MQTT broker"_s};
    SettingSpec port{.name = Port,
                     .type = Type::Integer,
                     .defaultValue = QString::number(defaults.port),
                     .help = u"TCP port of the MQTT broker"_s,
                     .minimum = 1,
                     .maximum = 65535};
    SettingSpec username{.name = Username,
                         .help = u"user name for the broker (empty: anonymous)"_s};
    SettingSpec password{.name = Password, .help = u"password for the broker"_s, .secret = true};
    SettingSpec caFile{.name = CaFile,
                       .help = u"CA certificate (PEM) of the broker; setting it enables TLS"_s,
                       .validate = [](const QString &value) {
                           const QFileInfo file(value);
                           return file.isFile() && file.isReadable() ? QString()
                                                                     : u"a readable file"_s;
                       }};
    SettingSpec keepAlive{.name = KeepAlive,
                          .type = Type::Integer,
                          .defaultValue = QString::number(defaults.keepAliveSeconds),
                          .help = u"seconds between keepalive pings"_s,
                          .minimum = 5,
                          .maximum = 3600};
    return {broker, port, username, password, caFile, keepAlive};
}

MqttConfig MqttSettings::load(const Settings &settings)
{
    MqttConfig config;
    config.broker = settings.text(Broker);
    config.port = quint16(settings.integer(Port));
    config.username = settings.text(Username);
    config.password = settings.text(Password);
    config.caFile = settings.text(CaFile);
    config.keepAliveSeconds = int(settings.integer(KeepAlive));
    return config;
}

void MqttSettings::apply(const MqttConfig &config, MqttClient *client)
{
    client->setHostname(config.broker);
    client->setPort(config.port);
    client->setUsername(config.username);
    client->setPassword(config.password);
    client->setCaFile(config.caFile);
    client->setKeepAlive(config.keepAliveSeconds);
}

// Test helper for tst_mqttclient: mqtt_will_client HOST PORT WILL_TOPIC WILL_PAYLOAD
// Connects with that last will, prints "connected" once the broker accepted it, then waits
// until it is killed (the test uses SIGKILL, so no DISCONNECT is ever sent).
#include "mqttclient.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() != 5) {
        std::fprintf(stderr, "usage: mqtt_will_client HOST PORT WILL_TOPIC WILL_PAYLOAD\n");
        return 2;
    }
    MqttClient client;
    client.setHostname(arguments.at(1));
    client.setPort(quint16(arguments.at(2).toUInt()));
    client.setWill(arguments.at(3), arguments.at(4).toUtf8(), 1, false);
    QObject::connect(&client, &MqttClient::connected, &app, [] {
        std::printf("connected\n");
        std::fflush(stdout);
    });
    client.connectToHost();
    return app.exec();
}

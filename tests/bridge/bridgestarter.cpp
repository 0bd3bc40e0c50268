#include "bridgestarter.h"

#include "bridge.h"
#include "mosquittobroker.h"
#include "mqttclient.h"
#include "programprocess.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;

std::unique_ptr<Bridge> BridgeStarter::inProcess(const MosquittoBroker &broker, const QUrl &backend,
                                                 const QString &clientId, const QString &outboxPath,
                                                 QString *error)
{
    BridgeConfig options;
    options.clientId = clientId;
    options.outboxPath = outboxPath;
    options.forwarder.backendUrl = backend;
    auto bridge = std::make_unique<Bridge>(options);
    bridge->mqttClient()->setHostname(broker.host());
    bridge->mqttClient()->setPort(broker.port());
    QSignalSpy subscribed(bridge->mqttClient(), &MqttClient::subscribed);
    if (!bridge->start(error))
        return nullptr;
    if (!subscribed.wait(10000)) {
        *error = u"the bridge did not subscribe within 10 s"_s;
        return nullptr;
    }
    return bridge;
}

std::unique_ptr<ProgramProcess> BridgeStarter::program(const MosquittoBroker &broker,
                                                       const QUrl &backend, const QString &clientId,
                                                       const QString &outboxPath)
{
    auto bridge = std::make_unique<ProgramProcess>(u"vigil-bridge"_s);
    bridge->setEnv(u"MQTT_BROKER"_s, broker.host());
    bridge->setEnv(u"MQTT_PORT"_s, QString::number(broker.port()));
    bridge->setEnv(u"MQTT_CLIENT_ID"_s, clientId);
    bridge->setEnv(u"BACKEND_URL"_s, backend.toString());
    bridge->setEnv(u"OUTBOX"_s, outboxPath);
    bridge->setEnv(u"LOG_LEVEL"_s, u"warning"_s);
    return bridge;
}

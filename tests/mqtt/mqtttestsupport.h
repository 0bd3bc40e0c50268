#pragma once

#include "mosquittobroker.h"
#include "mqttclient.h"

#include <QSignalSpy>

#include <memory>

// What the MqttClient tests share: a client aimed at a test broker, and a subscription that is
// known to be live before the test publishes.
namespace MqttTestSupport {

using State = MqttClient::ClientState;
using Error = MqttClient::ClientError;

constexpr int ConnectTimeoutMs = 10000;

// Retries fast, so that reconnect tests take milliseconds, not seconds.
inline std::unique_ptr<MqttClient> makeClient(const MosquittoBroker &broker)
{
    auto client = std::make_unique<MqttClient>();
    client->setHostname(broker.host());
    client->setPort(broker.port());
    client->setReconnectDelays(50, 500);
    return client;
}

// Connects `client` and subscribes it to `filter`; returns once the broker acknowledged.
inline bool connectAndSubscribe(MqttClient *client, const QString &filter, int qos = 1)
{
    QSignalSpy subscribed(client, &MqttClient::subscribed);
    if (!client->subscribe(filter, qos))
        return false;
    client->connectToHost();
    return subscribed.wait(ConnectTimeoutMs) || !subscribed.isEmpty();
}

} // namespace MqttTestSupport

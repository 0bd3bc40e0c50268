#pragma once

class QCommandLineParser;

// The commands that involve only the broker: the generator's own rate and the broker's ceiling.
namespace MqttCommands {

// publish: N events QoS 1 to --topic, nothing else involved; the rate until the last PUBACK.
// With nobody subscribed this is the generator's own ceiling.
int publish(const QCommandLineParser &options);

// broker: a libmosquitto subscriber (QoS 1) and the publisher on the same run: the broker's
// throughput (burst) or its latency (--rate), the baseline Vigil is compared with.
int broker(const QCommandLineParser &options);

} // namespace MqttCommands

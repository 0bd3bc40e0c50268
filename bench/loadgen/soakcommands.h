#pragma once

class QCommandLineParser;

// The commands of the soak (bench/soak.sh, ./run.sh soak): the sensor's edges that drive a real
// vigil-agent, and WebSocket clients that come and go.
namespace SoakCommands {

// edges: --rate active edges per second for --seconds, as SIMULATE=stdin lines ("1", "0") on
// stdout, paced on the clock (a late tick catches up, so the mean rate holds on a busy machine).
// The result line goes to stderr, stdout being the agent's input.
int edges(const QCommandLineParser &options);
// wsclients: --clients WebSocket clients on /ws connecting and leaving for --seconds.
int webSocketClients(const QCommandLineParser &options);

} // namespace SoakCommands

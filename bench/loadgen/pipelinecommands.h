#pragma once

class QCommandLineParser;

// The commands that measure the whole pipeline from the outside: publish to the broker, watch
// the server's store or its WebSocket.
namespace PipelineCommands {

// e2e: a burst of --count events, time until all are stored (and each one checked).
int endToEnd(const QCommandLineParser &options);
// latency: --rate events/s for --seconds, publish -> WebSocket arrival percentiles.
int latency(const QCommandLineParser &options);
// drain: waits (server restarting) until --count events of --run-id are stored after
// --baseline; time from this command's start, and how many are missing.
int drain(const QCommandLineParser &options);
// newest-id: the id of the newest stored event (0 when none), the baseline of a later drain.
int newestId(const QCommandLineParser &options);

} // namespace PipelineCommands

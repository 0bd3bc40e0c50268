#pragma once

class QCommandLineParser;

// The commands that measure vigil-server alone, over HTTP and WebSocket.
namespace ServerCommands {

// post: --count events, --batch per request (1 = single-object POSTs), --parallel in flight.
int post(const QCommandLineParser &options);
// get: --requests sequential GET /api/events?limit=--limit, round-trip percentiles.
int get(const QCommandLineParser &options);
// fanout: --clients WebSocket clients, --rounds events, time for each to reach all clients.
int fanout(const QCommandLineParser &options);

} // namespace ServerCommands

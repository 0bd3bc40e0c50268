#pragma once

#include <QStringList>

class EventStore;
class LiveFeed;
class ServerMetrics;

// What the route groups share: the store, the live feed, the counters and the request limits.
// Owned by VigilServer, which outlives every route group; main thread.
struct ServerContext
{
    EventStore *store = nullptr;
    LiveFeed *feed = nullptr;
    ServerMetrics *metrics = nullptr;
    QStringList alertTypes;
    qint64 maxBody = 1024LL * 1024;
};

#pragma once

#include <QStringList>

class AlarmService;
class AlarmStore;
class CodeGate;
class EventStore;
class LiveFeed;
class ServerMetrics;
class Supervision;

// What the route groups share: the stores, the alarm, the code check, the live feed, the
// counters and the request limits.
// Owned by VigilServer, which outlives every route group; main thread.
struct ServerContext
{
    EventStore *store = nullptr;
    AlarmStore *alarmStore = nullptr;
    AlarmService *alarm = nullptr;
    CodeGate *codes = nullptr;
    LiveFeed *feed = nullptr;
    ServerMetrics *metrics = nullptr;
    Supervision *supervision = nullptr;
    QStringList alertTypes;
    qint64 maxBody = 1024LL * 1024;
};

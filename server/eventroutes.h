#pragma once

#include "alarmservice.h"
#include "eventstore.h"
#include "routegroup.h"
#include "servercontext.h"
#include "storedevent.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

#include <functional>
#include <utility>

// POST /api/events (one event or a batch), GET /api/events (filtered, newest first) and
// GET /api/events/{id}. Which stored events are alerts, and what they do to the alarm, is
// AlarmService's to say (judged before the insert, applied inside its transaction); the routes
// only translate between HTTP and the store.
class EventRoutes final : public RouteGroup
{
public:
    static constexpr int MaxBatch = 1000;
    static constexpr int MaxLimit = 1000;

    using Clock = std::function<qint64()>; // ms since epoch: the events' received_at

    explicit EventRoutes(const ServerContext &context,
                         Clock clock = &QDateTime::currentMSecsSinceEpoch)
        : m_context(context)
        , m_clock(std::move(clock))
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    HttpReply post(const QHttpServerRequest &request);
    HttpReply postOne(const QJsonObject &object);
    HttpReply postBatch(const QJsonArray &array);
    HttpReply list(const QHttpServerRequest &request);
    HttpReply one(const QString &idText);
    static NewEvent toNewEvent(const QJsonObject &object);
    std::optional<QList<InsertOutcome>> store(QList<NewEvent> &events, qint64 receivedAtMs,
                                              bool fetchOriginals, AlarmService::Batch *batch,
                                              QString *error);

    ServerContext m_context;
    Clock m_clock;
};

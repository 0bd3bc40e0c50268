#pragma once

#include "alertrule.h"
#include "routegroup.h"
#include "servercontext.h"
#include "storedevent.h"

#include <QJsonArray>
#include <QJsonObject>

#include <utility>

// POST /api/events (one event or a batch), GET /api/events (filtered, newest first) and
// GET /api/events/{id}. Which stored events are alerts is AlertRule's to say; the routes only
// translate between HTTP and the store.
class EventRoutes final : public RouteGroup
{
public:
    static constexpr int MaxBatch = 1000;
    static constexpr int MaxLimit = 1000;

    explicit EventRoutes(const ServerContext &context,
                         AlertRule::Clock clock = &QDateTime::currentDateTimeUtc)
        : m_context(context)
        , m_alertRule(context.alertTypes, std::move(clock))
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    HttpReply post(const QHttpServerRequest &request);
    HttpReply postOne(const QJsonObject &object);
    HttpReply postBatch(const QJsonArray &array);
    HttpReply list(const QHttpServerRequest &request);
    HttpReply one(const QString &idText);
    NewEvent toNewEvent(const QJsonObject &object, const ModeState &mode) const;

    ServerContext m_context;
    AlertRule m_alertRule;
};

#pragma once

#include "routegroup.h"
#include "servercontext.h"
#include "storedevent.h"

#include <QJsonArray>
#include <QJsonObject>

// POST /api/events (one event or a batch), GET /api/events (filtered, newest first) and
// GET /api/events/{id}.
class EventRoutes final : public RouteGroup
{
public:
    static constexpr int MaxBatch = 1000;
    static constexpr int MaxLimit = 1000;

    explicit EventRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    HttpReply post(const QHttpServerRequest &request);
    HttpReply postOne(const QJsonObject &object);
    HttpReply postBatch(const QJsonArray &array);
    HttpReply list(const QHttpServerRequest &request);
    HttpReply one(const QString &idText);
    NewEvent toNewEvent(const QJsonObject &object) const;

    ServerContext m_context;
};

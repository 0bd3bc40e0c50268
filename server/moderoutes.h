#pragma once

#include "routegroup.h"
#include "servercontext.h"

// GET /api/mode and PUT /api/mode: the guide's two modes as a view of the alarm (AlarmService),
// with the same codes as PUT /api/alarm.
class ModeRoutes final : public RouteGroup
{
public:
    explicit ModeRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    HttpReply put(const QHttpServerRequest &request);

    ServerContext m_context;
};

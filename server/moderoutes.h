#pragma once

#include "routegroup.h"
#include "servercontext.h"

// GET /api/mode and PUT /api/mode (persisted, then broadcast to every WebSocket client).
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

#pragma once

#include "routegroup.h"
#include "servercontext.h"

// GET /api/health (never needs a token) and GET /metrics (Prometheus text).
class HealthRoutes final : public RouteGroup
{
public:
    explicit HealthRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    ServerContext m_context;
};

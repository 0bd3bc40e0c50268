#pragma once

#include "routegroup.h"
#include "servercontext.h"

// POST /api/heartbeat {"bridge_id", "outbox_depth", "dead_letters"} (204) and GET /api/bridges:
// the bridges' supervision. Translates only; the rules are BridgeRegistry's.
class SupervisionRoutes final : public RouteGroup
{
public:
    static constexpr int MaxBridgeIdLength = 64;

    explicit SupervisionRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    HttpReply heartbeat(const QHttpServerRequest &request);
    HttpReply bridges() const;

    ServerContext m_context;
};

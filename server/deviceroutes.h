#pragma once

#include "routegroup.h"
#include "servercontext.h"

// GET /api/devices: one row per (device_id, source) with its online state and latest activity.
class DeviceRoutes final : public RouteGroup
{
public:
    explicit DeviceRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    ServerContext m_context;
};

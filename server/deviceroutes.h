#pragma once

#include "routegroup.h"
#include "servercontext.h"

// GET /api/devices: one row per (device_id, source) with its online state and latest activity,
// at most MaxDevices of them (by device_id, then source): any client that may post can make up
// device ids, and one answer must stay small.
class DeviceRoutes final : public RouteGroup
{
public:
    static constexpr int MaxDevices = 1000;

    explicit DeviceRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    ServerContext m_context;
};

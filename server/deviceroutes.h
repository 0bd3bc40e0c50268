#pragma once

#include "routegroup.h"
#include "servercontext.h"

// GET /api/devices: one row per (device_id, source) with its online state, latest activity,
// name and alarm role, at most MaxDevices of them (by device_id, then source): any client that
// may post can make up device ids, and one answer must stay small.
// PUT /api/devices/{device_id}/{source} {"name", "role", "code"}: names and roles an existing
// row (404 first, then 400, then the code once users exist). The source "" (events without
// details.source) is addressed as /api/devices/{device_id}/.
class DeviceRoutes final : public RouteGroup
{
public:
    static constexpr int MaxDevices = 1000;
    static constexpr int MaxNameLength = 64;

    explicit DeviceRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    HttpReply list();
    HttpReply label(const QHttpServerRequest &request);

    ServerContext m_context;
};

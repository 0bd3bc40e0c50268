#pragma once

#include "routegroup.h"
#include "servercontext.h"

// GET /api/audit?limit=&before_id=: the audit log, newest first (at most MaxLimit rows a page).
class AuditRoutes final : public RouteGroup
{
public:
    static constexpr int DefaultLimit = 100;
    static constexpr int MaxLimit = 1000;

    explicit AuditRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    ServerContext m_context;
};

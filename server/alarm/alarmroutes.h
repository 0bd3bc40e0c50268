#pragma once

#include "routegroup.h"
#include "servercontext.h"

// GET /api/alarm (the status and which actions need a code) and PUT /api/alarm
// {"action", "code"}: the code is checked by CodeGate (maybe later, off the event loop), the
// action by AlarmService. Translates only; the rules are AlarmMachine's.
class AlarmRoutes final : public RouteGroup
{
public:
    explicit AlarmRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

private:
    HttpReply put(const QHttpServerRequest &request);

    ServerContext m_context;
};

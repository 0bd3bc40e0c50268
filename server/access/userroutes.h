#pragma once

#include "routegroup.h"
#include "servercontext.h"

// GET /api/users, POST /api/users {"name", "code", "admin_code"}, DELETE /api/users/{name}
// {"admin_code"}. Once a user exists, adding or removing one needs an existing user's code:
// otherwise deleting every user would open the alarm to anyone. The new code is hashed off the
// event loop (CodeHasher) and only its hash is stored.
class UserRoutes final : public RouteGroup
{
public:
    static constexpr int MaxUsers = 32;
    static constexpr int MaxNameLength = 64;

    explicit UserRoutes(const ServerContext &context)
        : m_context(context)
    {}

    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

    // Empty when `name` can be a user's name, else the one-line reason.
    static QString validateName(const QString &name);

private:
    HttpReply list();
    HttpReply add(const QHttpServerRequest &request);
    HttpReply remove(const QHttpServerRequest &request, const QString &name);

    ServerContext m_context;
};

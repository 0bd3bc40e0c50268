#pragma once

#include "routegroup.h"

// The web frontend, compiled into the binary as Qt resources under :/web (server/web/), served
// at / (index.html) without a token. Paths outside /api/, /metrics and /ws land here. When the
// build had no web files, / answers a small built-in page instead.
class StaticRoutes final : public RouteGroup
{
public:
    std::optional<HttpReply> handle(const QHttpServerRequest &request,
                                    const QString &path) override;

    static QByteArray contentTypeFor(const QString &fileName);
};

#pragma once

#include "authguard.h"
#include "crosssiteguard.h"
#include "httpreply.h"
#include "httpserverbase.h"

#include <memory>
#include <vector>

class RouteGroup;
class ServerMetrics;

// The HTTP side of the server: checks the body limit, the Host and Origin (CrossSiteGuard), the
// token and the body's Content-Type, asks each route group in turn, and counts every reply. The
// /ws upgrade is let through to the WebSocket server only from an allowed Host and Origin and
// with a valid token; otherwise it is answered 403 or 401 (or 404 on another path) before any
// upgrade.
// Requests are handled on the main thread, so a reply is only written after the store's
// transaction has committed; only a code check (a memory-hard hash) is answered later, from a
// worker thread's result. How Qt's versions differ stays in HttpServerBase.
class VigilHttpServer final : public HttpServerBase
{
    Q_OBJECT
public:
    VigilHttpServer(AuthGuard guard, CrossSiteGuard crossSite, qint64 maxBody,
                    ServerMetrics *metrics, QObject *parent = nullptr);
    ~VigilHttpServer() override;

    void addRoutes(std::unique_ptr<RouteGroup> group);

protected:
    bool acceptWebSocket(const QHttpServerRequest &request) override;
    HttpReply refusal(const QHttpServerRequest &request) override;
    HttpReply answer(const QHttpServerRequest &request) override;
    void replied(const RequestLine &request, const HttpReply &reply, qint64 elapsedNs) override;

private:
    AuthGuard m_guard;
    CrossSiteGuard m_crossSite;
    qint64 m_maxBody;
    ServerMetrics *m_metrics;
    std::vector<std::unique_ptr<RouteGroup>> m_groups;
};

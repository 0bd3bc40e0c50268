#pragma once

#include "authguard.h"
#include "httpreply.h"

#include <QAbstractHttpServer>

#include <memory>
#include <vector>

class RouteGroup;
class ServerMetrics;

// The HTTP side of the server on Qt 6.4's QAbstractHttpServer: checks the body limit and the
// token, asks each route group in turn, writes the reply and counts it. The /ws upgrade is let
// through (handleRequest() returns true without writing, so Qt hands the socket to its
// WebSocket server) only with a valid token; otherwise missingHandler() answers 401 (or 404 on
// another path) before any upgrade. Requests are handled synchronously on the main thread, so
// a reply is only written after the store's transaction has committed.
class VigilHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    VigilHttpServer(AuthGuard guard, qint64 maxBody, ServerMetrics *metrics,
                    QObject *parent = nullptr);
    ~VigilHttpServer() override;

    void addRoutes(std::unique_ptr<RouteGroup> group);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    HttpReply route(const QHttpServerRequest &request);
    void write(const QHttpServerRequest &request, QTcpSocket *socket, const HttpReply &reply,
               qint64 startedNs);
    bool isWebSocketUpgrade(const QHttpServerRequest &request) const;

    AuthGuard m_guard;
    qint64 m_maxBody;
    ServerMetrics *m_metrics;
    std::vector<std::unique_ptr<RouteGroup>> m_groups;
};

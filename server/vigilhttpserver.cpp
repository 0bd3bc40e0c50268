#include "vigilhttpserver.h"

#include "routegroup.h"
#include "servermetrics.h"

#include <QHttpServerRequest>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHttp, "vigil.server.http")

using namespace Qt::StringLiterals;

namespace {

const QString WebSocketPath = u"/ws"_s;

// Everything but the health check and the frontend's files needs the token.
bool needsToken(const QString &path)
{
    if (path == u"/api/health")
        return false;
    return path.startsWith(u"/api/") || path == u"/api" || path == u"/metrics" ||
           path == WebSocketPath;
}

HttpReply unauthorized()
{
    HttpReply reply = HttpReply::error(401, u"missing or wrong token"_s);
    reply.headers.append({"WWW-Authenticate"_ba, "Bearer"_ba});
    return reply;
}

} // namespace

VigilHttpServer::VigilHttpServer(AuthGuard guard, CrossSiteGuard crossSite, qint64 maxBody,
                                 ServerMetrics *metrics, QObject *parent)
    : HttpServerBase(parent)
    , m_guard(std::move(guard))
    , m_crossSite(std::move(crossSite))
    , m_maxBody(maxBody)
    , m_metrics(metrics)
{}

VigilHttpServer::~VigilHttpServer() = default;

void VigilHttpServer::addRoutes(std::unique_ptr<RouteGroup> group)
{
    m_groups.push_back(std::move(group));
}

bool VigilHttpServer::acceptWebSocket(const QHttpServerRequest &request)
{
    const bool accepted = request.url().path() == WebSocketPath && !m_crossSite.refusal(request) &&
                          m_guard.allows(request, true);
    if (accepted)
        m_metrics->countRequest(101, 0);
    return accepted;
}

HttpReply VigilHttpServer::refusal(const QHttpServerRequest &request)
{
    if (request.url().path() != WebSocketPath)
        return HttpReply::notFound();
    if (std::optional<HttpReply> refused = m_crossSite.refusal(request))
        return std::move(*refused);
    qCInfo(lcHttp) << "WebSocket upgrade refused from" << request.remoteAddress().toString()
                   << "- missing or wrong token";
    return unauthorized();
}

HttpReply VigilHttpServer::answer(const QHttpServerRequest &request)
{
    const QString path = request.url().path();
    // Qt has already read the body by now; the limit still keeps oversized bodies away from
    // the JSON parser and the store. The declared length is checked too, so that a client that
    // announces too much is told so even if it sent less.
    const qint64 declared = request.value("content-length"_ba).toLongLong();
    if (declared > m_maxBody || request.body().size() > m_maxBody)
        return HttpReply::error(413,
                                u"body: over the limit of %1 bytes (MAX_BODY)"_s.arg(m_maxBody));
    // Before the token: a rebound or foreign page learns nothing, not even whether auth is on.
    if (std::optional<HttpReply> refused = m_crossSite.refusal(request))
        return std::move(*refused);
    if (needsToken(path) && !m_guard.allows(request, path == WebSocketPath))
        return unauthorized();
    if (path == WebSocketPath)
        return HttpReply::error(400, u"/ws expects a WebSocket upgrade"_s);
    if (std::optional<HttpReply> refused = CrossSiteGuard::contentTypeRefusal(request))
        return std::move(*refused);
    for (const auto &group : m_groups) {
        if (std::optional<HttpReply> reply = group->handle(request, path))
            return std::move(*reply);
    }
    return HttpReply::notFound();
}

void VigilHttpServer::replied(const RequestLine &request, const HttpReply &reply, qint64 elapsedNs)
{
    m_metrics->countRequest(reply.status, double(elapsedNs) / 1e9);
    if (reply.status >= 500)
        qCWarning(lcHttp) << request.method << request.path << reply.status;
    else
        qCDebug(lcHttp) << request.method << request.path << reply.status;
}

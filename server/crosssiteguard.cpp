#include "crosssiteguard.h"

#include <QHostInfo>
#include <QHttpServerRequest>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCrossSite, "vigil.server.http")

namespace {

constexpr int HttpPort = 80;
constexpr int HttpsPort = 443;

// The host name of a Host header ("name:port", "[::1]:8000", "name"), lower case, without
// brackets or port; empty when it is not one.
QString hostName(const QString &hostHeader)
{
    const QUrl url(u"http://"_s + hostHeader, QUrl::StrictMode);
    if (!url.isValid() || !url.userInfo().isEmpty() || !url.path().isEmpty() || url.hasQuery() ||
        url.hasFragment())
        return {};
    return url.host().toLower();
}

QString originOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if ((scheme != u"http" && scheme != u"https") || url.host().isEmpty() ||
        !url.userInfo().isEmpty())
        return {};
    const QString host = url.host().toLower();
    const int port = url.port(scheme == u"https" ? HttpsPort : HttpPort);
    return scheme + u"://"_s + (host.contains(u':') ? u'[' + host + u']' : host) + u':' +
           QString::number(port);
}

} // namespace

CrossSiteGuard::CrossSiteGuard(Config config)
    : m_scheme(config.tls ? u"https"_s : u"http"_s)
    , m_checkHost(!config.authEnabled)
    , m_publicOrigin(config.publicUrl.isEmpty() ? QString() : originOf(config.publicUrl))
{
    for (const QString &origin : std::as_const(config.allowedOrigins)) {
        const QString normal = normalOrigin(origin.trimmed());
        if (!normal.isEmpty())
            m_allowedOrigins.append(normal);
    }
    // The names a page of this very server is loaded from; none of them can be rebound.
    m_allowedHosts = {u"localhost"_s, u"127.0.0.1"_s, u"::1"_s,
                      QHostInfo::localHostName().toLower()};
    if (!config.host.isNull())
        m_allowedHosts.append(config.host.toString().toLower());
    // PUBLIC_URL names the server too: a proxy in front of it passes that Host on.
    if (!config.publicUrl.isEmpty())
        m_allowedHosts.append(config.publicUrl.host().toLower());
    for (const QString &host : std::as_const(config.allowedHosts)) {
        const QString name = hostName(host.trimmed());
        if (!name.isEmpty())
            m_allowedHosts.append(name);
    }
}

QString CrossSiteGuard::normalOrigin(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (!url.path().isEmpty() && url.path() != u"/") || url.hasQuery() ||
        url.hasFragment())
        return {};
    return originOf(url);
}

bool CrossSiteGuard::originAllowed(const QString &origin, const QByteArray &hostHeader) const
{
    const QString normal = normalOrigin(origin);
    if (normal.isEmpty()) // "null" (a sandboxed frame, a file:// page) or garbage
        return false;
    if (normal == normalOrigin(m_scheme + u"://"_s + QString::fromLatin1(hostHeader)))
        return true;
    return (!m_publicOrigin.isEmpty() && normal == m_publicOrigin) ||
           m_allowedOrigins.contains(normal);
}

bool CrossSiteGuard::hostAllowed(const QByteArray &hostHeader) const
{
    const QString name = hostName(QString::fromLatin1(hostHeader));
    if (name.isEmpty())
        return false;
    if (m_allowedHosts.contains(name))
        return true;
    // An address can be spelt more than one way (::1, 0:0::1).
    const QHostAddress address(name);
    if (address.isNull())
        return false;
    for (const QString &allowed : m_allowedHosts) {
        if (QHostAddress(allowed) == address)
            return true;
    }
    return false;
}

std::optional<HttpReply> CrossSiteGuard::check(const QHttpServerRequest &request, bool log) const
{
    const QByteArray host = request.value("host"_ba).trimmed();
    // A browser always sends Host; a request without one (HTTP/1.0 tools) is no rebound page.
    if (m_checkHost && !host.isEmpty() && !hostAllowed(host)) {
        if (log)
            qCInfo(lcCrossSite).noquote()
                << u"refused a request for Host %1 from %2: not one of the server's names while "
                   "auth is off"_s.arg(QString::fromLatin1(host.left(200)),
                                       request.remoteAddress().toString());
        return HttpReply::error(
            403, u"host not allowed: with auth off only the server's own names are answered "
                 "(add it to ALLOWED_HOSTS, or set API_TOKENS)"_s);
    }
    const QByteArray origin = request.value("origin"_ba).trimmed();
    if (!origin.isEmpty() && !originAllowed(QString::fromLatin1(origin), host)) {
        if (log)
            qCInfo(lcCrossSite).noquote()
                << u"refused a request from Origin %1 (%2): not the server's own nor in "
                   "ALLOWED_ORIGINS"_s.arg(QString::fromLatin1(origin.left(200)),
                                           request.remoteAddress().toString());
        return HttpReply::error(403, u"origin not allowed"_s);
    }
    return std::nullopt;
}

std::optional<HttpReply> CrossSiteGuard::contentTypeRefusal(const QHttpServerRequest &request)
{
    using Method = QHttpServerRequest::Method;
    const Method method = request.method();
    if (method != Method::Post && method != Method::Put && method != Method::Delete)
        return std::nullopt;
    if (request.body().isEmpty() && request.value("content-length"_ba).toLongLong() <= 0)
        return std::nullopt;
    QByteArray mediaType = request.value("content-type"_ba);
    if (const qsizetype parameters = mediaType.indexOf(';'); parameters >= 0)
        mediaType.truncate(parameters);
    mediaType = mediaType.trimmed().toLower();
    if (mediaType == "application/json")
        return std::nullopt;
    return HttpReply::error(415, u"Content-Type: expected application/json"_s);
}

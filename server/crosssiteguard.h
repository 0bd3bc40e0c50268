#pragma once

#include "httpreply.h"

#include <QHostAddress>
#include <QStringList>
#include <QUrl>

#include <optional>

class QHttpServerRequest;

// What a web page on another site can make a browser send to the server, refused before any
// route runs: a request whose Origin is neither the server's own (the scheme and Host of the
// request, or the origin of PUBLIC_URL) nor in ALLOWED_ORIGINS (403, on /ws too; no CORS headers
// are ever sent), and, while auth is off, a Host that is not one of the server's own names
// (DNS rebinding: a page whose name now resolves to 127.0.0.1 is "same origin" to itself).
// A body that is not `application/json` is refused too (415): a text/plain or form POST is what
// a cross-site page can send without a CORS preflight. A plain value; any thread.
class CrossSiteGuard
{
public:
    struct Config
    {
        bool tls = false;         // the scheme of the server's own origin
        bool authEnabled = false; // with tokens, a rebound page has nothing to read with
        QHostAddress host;        // HOST
        QUrl publicUrl;           // PUBLIC_URL, may be empty
        QStringList allowedOrigins;
        QStringList allowedHosts;
    };

    explicit CrossSiteGuard(Config config);

    // 403 for a foreign Origin or, while auth is off, a foreign Host; nullopt when allowed.
    std::optional<HttpReply> refusal(const QHttpServerRequest &request) const
    {
        return check(request, true);
    }
    // The same check, quietly: Qt asks about an upgrade first and then for its refusal.
    bool allows(const QHttpServerRequest &request) const { return !check(request, false); }
    // 415 for a POST, PUT or DELETE whose body is not declared JSON; nullopt when fine.
    static std::optional<HttpReply> contentTypeRefusal(const QHttpServerRequest &request);

    // "scheme://host:port" with the default port filled in; empty when `text` is no http(s)
    // origin. Public for the settings check.
    static QString normalOrigin(const QString &text);

private:
    std::optional<HttpReply> check(const QHttpServerRequest &request, bool log) const;
    bool originAllowed(const QString &origin, const QByteArray &hostHeader) const;
    bool hostAllowed(const QByteArray &hostHeader) const;

    QString m_scheme;
    bool m_checkHost;
    QString m_publicOrigin;
    QStringList m_allowedOrigins; // normalised
    QStringList m_allowedHosts;   // lower case, without port
};

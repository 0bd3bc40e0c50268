#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

class QHttpServerRequest;

// Bearer-token check for API_TOKENS. Off (everything allowed) when no token is configured.
// Tokens are compared in constant time against every configured token, so neither the position
// of the first wrong byte nor which token matched shows in the timing. Holds the tokens; never
// logs them. Any thread.
class AuthGuard
{
public:
    explicit AuthGuard(const QStringList &tokens);

    bool enabled() const { return !m_tokens.isEmpty(); }

    // "Authorization: Bearer T", or, for the WebSocket that browsers cannot give headers,
    // `?token=T` when `allowQueryToken`.
    bool allows(const QHttpServerRequest &request, bool allowQueryToken) const;
    bool matches(const QByteArray &candidate) const;

private:
    QList<QByteArray> m_tokens;
};

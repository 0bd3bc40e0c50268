#include "authguard.h"

#include <QHttpServerRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

// Constant time for equal lengths; the length itself is not secret enough to hide (tokens are
// long random strings), but the loop still runs over the whole candidate.
bool equalInConstantTime(const QByteArray &expected, const QByteArray &candidate)
{
    unsigned char difference = expected.size() == candidate.size() ? 0 : 1;
    for (qsizetype i = 0; i < candidate.size(); ++i)
        difference |= static_cast<unsigned char>(
            candidate.at(i) ^ (expected.isEmpty() ? 0 : expected.at(i % expected.size())));
    return difference == 0;
}

} // namespace

AuthGuard::AuthGuard(const QStringList &tokens)
{
    for (const QString &token : tokens)
        m_tokens.append(token.toUtf8());
}

bool AuthGuard::matches(const QByteArray &candidate) const
{
    bool matched = false;
    for (const QByteArray &token : m_tokens)
        matched |= equalInConstantTime(token, candidate); // no early exit on a match
    return matched;
}

bool AuthGuard::allows(const QHttpServerRequest &request, bool allowQueryToken) const
{
    if (!enabled())
        return true;
    const QByteArray authorization = request.value("authorization"_ba).trimmed();
    static const QByteArray scheme = "bearer "_ba;
    if (authorization.size() > scheme.size() &&
        authorization.left(scheme.size()).toLower() == scheme)
        return matches(authorization.mid(scheme.size()).trimmed());
    if (allowQueryToken) {
        const QUrlQuery query(request.url());
        if (query.hasQueryItem(u"token"_s))
            return matches(query.queryItemValue(u"token"_s, QUrl::FullyDecoded).toUtf8());
    }
    return false;
}

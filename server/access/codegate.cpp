#include "codegate.h"

#include "alarmstore.h"
#include "codehasher.h"

#include <QFuture>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCodes, "vigil.server.codes")

CodeGate::CodeGate(AlarmStore *store, CodeLockout::Limits limits, Clock clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_lockout(limits, clock)
    , m_clock(std::move(clock))
{}

bool CodeGate::start(QString *error)
{
    return reload(error);
}

bool CodeGate::reload(QString *error)
{
    const auto users = m_store->users(error);
    if (!users)
        return false;
    m_hashes.clear();
    for (const UserRecord &user : *users)
        m_hashes.insert(user.name, user.codeHash);
    return true;
}

HttpReply CodeGate::tooManyAttempts(qint64 retryAfterSeconds)
{
    HttpReply reply =
        HttpReply::error(429, u"too many wrong codes; try again in %1 s"_s.arg(retryAfterSeconds));
    reply.headers.append({"Retry-After"_ba, QByteArray::number(retryAfterSeconds)});
    return reply;
}

HttpReply CodeGate::guard(const QJsonValue &code, bool required, const QString &what,
                          const Allowed &allowed)
{
    // Read again each time (at most 32 rows): `vigil-server users add` may have run meanwhile.
    QString error;
    if (!reload(&error))
        qCWarning(lcCodes) << "cannot read the users, using the last known ones:" << error;
    if (!required || m_hashes.isEmpty())
        return allowed(QString());
    if (const auto retryAfter = m_lockout.retryAfterSeconds())
        return tooManyAttempts(*retryAfter);
    if (!code.isString())
        return HttpReply::error(403, u"wrong code"_s);
    // One check at a time (see the class comment); the next attempt may come in a second.
    if (m_checking)
        return tooManyAttempts(1);
    const QString text = code.toString();
    // A code no user can have is wrong without spending a hash on it.
    if (!CodeHasher::validate(text).isEmpty())
        return judged(std::nullopt, what, allowed);
    m_checking = true;
    return HttpReply::later(
        CodeHasher::findMatch(m_hashes, text)
            .then(this, [this, what, allowed](const std::optional<QString> &user) {
                m_checking = false;
                return judged(user, what, allowed);
            }));
}

HttpReply CodeGate::judged(const std::optional<QString> &user, const QString &what,
                           const Allowed &allowed)
{
    if (user) {
        m_lockout.recordSuccess();
        return allowed(*user);
    }
    const bool locked = m_lockout.recordFailure();
    QList<AuditEntry> audit{{0, m_clock(), u"wrong_code"_s, QString(), u"for %1"_s.arg(what)}};
    const auto retryAfter = m_lockout.retryAfterSeconds();
    if (locked && retryAfter) {
        audit.append({0, m_clock(), u"code_lockout"_s, QString(),
                      u"codes refused for %1 s"_s.arg(*retryAfter)});
        qCWarning(lcCodes).noquote()
            << u"too many wrong codes: every code is refused for %1 s"_s.arg(*retryAfter);
        Q_EMIT lockedOut(*retryAfter);
    } else {
        qCInfo(lcCodes).noquote() << u"wrong code for %1"_s.arg(what);
    }
    QString error;
    if (!m_store->appendAudit(audit, &error))
        qCWarning(lcCodes) << "cannot write the audit log:" << error;
    // The attempt that starts the lockout was a wrong code like the others; the next ones get 429.
    return HttpReply::error(403, u"wrong code"_s);
}

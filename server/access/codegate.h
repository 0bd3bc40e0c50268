#pragma once

#include "codelockout.h"
#include "httpreply.h"
#include "userrecord.h"

#include <QHash>
#include <QJsonValue>
#include <QObject>

#include <functional>

class AlarmStore;

// Who may act on the alarm: as long as no user exists nobody is asked for a code (the guide's
// behaviour); once one exists, the actions that need a code are let through only with a user's
// code, checked against the stored Argon2id hashes on a worker thread (CodeHasher), so that a
// check never stalls the event loop. One check runs at a time, as on a keypad: an Argon2id
// check takes 64 MiB, and parallel guesses would slip past the lockout's count. Wrong codes
// count towards the one global lockout (CodeLockout) and are audited, with the lockout itself;
// attempts while locked are answered 429 without being checked or audited (the log is never
// pruned, so a flood must not grow it). A missing code is refused but not counted: no guess
// was made. Main thread; VigilServer owns it.
class CodeGate : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;
    // What the caller does once the code is accepted; `user` is empty when no user exists.
    using Allowed = std::function<HttpReply(const QString &user)>;

    CodeGate(AlarmStore *store, CodeLockout::Limits limits, Clock clock, QObject *parent = nullptr);

    bool start(QString *error); // loads the users' hashes (read again at every check)
    bool usersExist() const { return !m_hashes.isEmpty(); }
    int userCount() const { return int(m_hashes.size()); }
    // After a user was added or removed.
    bool reload(QString *error);

    // `code` (the request's "code" value) for `what` (an action name, audited with a wrong
    // code), when `required` once users exist: allowed(user)'s reply, now or (after a hash)
    // later; or 403 {"error": "wrong code"}, 429 with Retry-After, 503.
    HttpReply guard(const QJsonValue &code, bool required, const QString &what,
                    const Allowed &allowed);

Q_SIGNALS:
    void lockedOut(qint64 retryAfterSeconds); // a lockout began (code_lockout notification)

private:
    HttpReply judged(const std::optional<QString> &user, const QString &what,
                     const Allowed &allowed);
    static HttpReply tooManyAttempts(qint64 retryAfterSeconds);

    AlarmStore *m_store;
    CodeLockout m_lockout;
    Clock m_clock;
    QHash<QString, QByteArray> m_hashes; // user name -> hash
    bool m_checking = false;
};

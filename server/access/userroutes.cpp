#include "userroutes.h"

#include "alarmstore.h"
#include "codegate.h"
#include "codehasher.h"
#include "jsonreader.h"
#include "storedevent.h"

#include <QDateTime>
#include <QFuture>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcUsers, "vigil.server.users")

namespace {

const QString UsersPath = u"/api/users"_s;

HttpReply storeFailure(const QString &error)
{
    qCWarning(lcUsers) << "store failed:" << error;
    return HttpReply::error(503, u"storage unavailable, try again"_s);
}

} // namespace

QString UserRoutes::validateName(const QString &name)
{
    if (name.trimmed().isEmpty() || name.size() > MaxNameLength)
        return u"name: expected 1 to %1 characters"_s.arg(MaxNameLength);
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c == u'/')
            return u"name: no control characters or \"/\""_s;
    }
    return {};
}

std::optional<HttpReply> UserRoutes::handle(const QHttpServerRequest &request, const QString &path)
{
    using Method = QHttpServerRequest::Method;
    if (path == UsersPath) {
        if (request.method() == Method::Get)
            return list();
        if (request.method() == Method::Post)
            return add(request);
        return HttpReply::methodNotAllowed("GET, POST"_ba);
    }
    if (!path.startsWith(UsersPath + u'/'))
        return std::nullopt;
    if (request.method() != Method::Delete)
        return HttpReply::methodNotAllowed("DELETE"_ba);
    return remove(request, path.mid(UsersPath.size() + 1));
}

HttpReply UserRoutes::list()
{
    QString error;
    const auto users = m_context.alarmStore->users(&error);
    if (!users)
        return storeFailure(error);
    QJsonArray rows;
    for (const UserRecord &user : *users) {
        rows.append(QJsonObject{{u"name"_s, user.name},
                                {u"created_at"_s, StoredEvent::formatTime(user.createdAtMs)}});
    }
    return HttpReply::json(200, rows);
}

HttpReply UserRoutes::add(const QHttpServerRequest &request)
{
    QString error;
    const auto object = JsonReader::readObject(request.body(), &error,
                                               {m_context.maxBody, JsonReader::DefaultMaxDepth});
    if (!object)
        return HttpReply::error(400, u"body: "_s + error);
    const QString name = object->value("name"_L1).toString();
    if (const QString invalid = validateName(name); !invalid.isEmpty())
        return HttpReply::error(400, invalid);
    const QString code = object->value("code"_L1).toString();
    if (const QString invalid = CodeHasher::validate(code); !invalid.isEmpty())
        return HttpReply::error(400, invalid);
    CodeGate *codes = m_context.codes;
    if (codes->userCount() >= MaxUsers)
        return HttpReply::error(409, u"users: at most %1"_s.arg(MaxUsers));
    AlarmStore *store = m_context.alarmStore;
    return codes->guard(
        object->value("admin_code"_L1), true, u"user_added"_s,
        [codes, store, name, code](const QString &admin) {
            return HttpReply::later(CodeHasher::hashLater(code).then(
                codes, [codes, store, name, admin](const QByteArray &hash) {
                    if (hash.isEmpty())
                        return HttpReply::error(503, u"cannot hash the code now, try again"_s);
                    const qint64 now = QDateTime::currentMSecsSinceEpoch();
                    QString failure;
                    const auto added = store->addUser(
                        {name, hash, now}, {0, now, u"user_added"_s, admin, name}, &failure);
                    if (!added || !codes->reload(&failure))
                        return storeFailure(failure);
                    if (!*added)
                        return HttpReply::error(409, u"name: %1 is already a user"_s.arg(name));
                    qCInfo(lcUsers).noquote() << u"user %1 added"_s.arg(name);
                    return HttpReply::json(
                        201, QJsonObject{{u"name"_s, name},
                                         {u"created_at"_s, StoredEvent::formatTime(now)}});
                }));
        });
}

HttpReply UserRoutes::remove(const QHttpServerRequest &request, const QString &name)
{
    QString error;
    // The body only carries the admin code; an empty one is an empty object.
    const auto object =
        request.body().isEmpty()
            ? std::optional<QJsonObject>(QJsonObject())
            : JsonReader::readObject(request.body(), &error,
                                     {m_context.maxBody, JsonReader::DefaultMaxDepth});
    if (!object)
        return HttpReply::error(400, u"body: "_s + error);
    CodeGate *codes = m_context.codes;
    AlarmStore *store = m_context.alarmStore;
    return codes->guard(object->value("admin_code"_L1), true, u"user_removed"_s,
                        [codes, store, name](const QString &admin) {
                            QString failure;
                            const qint64 now = QDateTime::currentMSecsSinceEpoch();
                            const auto removed = store->removeUser(
                                name, {0, now, u"user_removed"_s, admin, name}, &failure);
                            if (!removed || !codes->reload(&failure))
                                return storeFailure(failure);
                            if (!*removed)
                                return HttpReply::error(404, u"no user %1"_s.arg(name));
                            qCInfo(lcUsers).noquote() << u"user %1 removed"_s.arg(name);
                            HttpReply reply;
                            reply.status = 204;
                            return reply;
                        });
}

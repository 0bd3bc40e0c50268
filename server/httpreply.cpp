#include "httpreply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

HttpReply HttpReply::json(int status, const QJsonValue &value)
{
    HttpReply reply;
    reply.status = status;
    reply.contentType = QByteArrayLiteral("application/json");
    reply.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return reply;
}

HttpReply HttpReply::error(int status, const QString &message)
{
    return json(status, QJsonObject{{QStringLiteral("error"), message}});
}

HttpReply HttpReply::methodNotAllowed(const QByteArray &allowed)
{
    HttpReply reply = error(405, QStringLiteral("method not allowed here; allowed: ") +
                                     QString::fromLatin1(allowed));
    reply.headers.append({QByteArrayLiteral("Allow"), allowed});
    return reply;
}

HttpReply HttpReply::notFound()
{
    return error(404, QStringLiteral("not found"));
}

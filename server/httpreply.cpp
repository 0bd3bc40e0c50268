#include "httpreply.h"

#include <QFuture>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

HttpReply HttpReply::json(int status, const QJsonValue &value)
{
    HttpReply reply;
    reply.status = status;
    reply.contentType = "application/json"_ba;
    reply.body = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return reply;
}

HttpReply HttpReply::error(int status, const QString &message)
{
    return json(status, QJsonObject{{u"error"_s, message}});
}

HttpReply HttpReply::methodNotAllowed(const QByteArray &allowed)
{
    HttpReply reply =
        error(405, u"method not allowed here; allowed: "_s + QString::fromLatin1(allowed));
    reply.headers.append({"Allow"_ba, allowed});
    return reply;
}

HttpReply HttpReply::later(QFuture<HttpReply> future)
{
    HttpReply reply;
    reply.deferred = std::make_shared<QFuture<HttpReply>>(std::move(future));
    return reply;
}

HttpReply HttpReply::notFound()
{
    return error(404, u"not found"_s);
}

QByteArray HttpReply::closingResponse(const QByteArray &reasonPhrase) const
{
    return "HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reasonPhrase +
           "\r\nContent-Type: "_ba + contentType + "\r\nConnection: close\r\nContent-Length: "_ba +
           QByteArray::number(body.size()) + "\r\n\r\n"_ba + body;
}

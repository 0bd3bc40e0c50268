#include "replywriter.h"

#include "httpreply.h"

#include <QHttpServerResponder>
#include <QtGlobal>

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
#include <QHttpHeaders>
#endif

using namespace Qt::StringLiterals;

void ReplyWriter::write(QHttpServerResponder &responder, const HttpReply &reply)
{
    const auto status = QHttpServerResponder::StatusCode(reply.status);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QHttpHeaders headers;
    if (!reply.contentType.isEmpty())
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, reply.contentType);
    for (const auto &header : reply.headers)
        headers.append(header.first, header.second);
    responder.write(reply.body, headers, status);
#else
    responder.writeStatusLine(status);
    if (!reply.contentType.isEmpty())
        responder.writeHeader("Content-Type"_ba, reply.contentType);
    responder.writeHeader("Content-Length"_ba, QByteArray::number(reply.body.size()));
    for (const auto &header : reply.headers)
        responder.writeHeader(header.first, header.second);
    responder.writeBody(reply.body);
#endif
}

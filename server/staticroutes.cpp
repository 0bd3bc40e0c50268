#include "staticroutes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHttpServerRequest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray PlaceholderPage =
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vigil</title></head>\n"
    "<body><h1>Vigil</h1><p>The server is running. This build has no web frontend; the API is "
    "at <a href=\"/api/events\">/api/events</a>.</p></body></html>\n"_ba;

} // namespace

QByteArray StaticRoutes::contentTypeFor(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    static const QHash<QString, QByteArray> types{
        {u"html"_s, "text/html; charset=utf-8"_ba},
        {u"js"_s, "text/javascript; charset=utf-8"_ba},
        {u"mjs"_s, "text/javascript; charset=utf-8"_ba},
        {u"css"_s, "text/css; charset=utf-8"_ba},
        {u"json"_s, "application/json"_ba},
        {u"svg"_s, "image/svg+xml"_ba},
        {u"png"_s, "image/png"_ba},
        {u"ico"_s, "image/x-icon"_ba},
        {u"wav"_s, "audio/wav"_ba},
        {u"mp3"_s, "audio/mpeg"_ba},
        {u"txt"_s, "text/plain; charset=utf-8"_ba},
        {u"webmanifest"_s, "application/manifest+json"_ba},
    };
    return types.value(suffix, "application/octet-stream"_ba);
}

std::optional<HttpReply> StaticRoutes::handle(const QHttpServerRequest &request,
                                              const QString &path)
{
    // cleanPath resolves "..", so nothing outside :/web can be named.
    const QString relative = QDir::cleanPath(path == u"/" ? u"/index.html"_s : path);
    const QString resource = u":/web"_s + relative;
    QFile file(resource);
    const bool exists =
        relative.startsWith(u'/') && !relative.contains(u"/.."_s) && QFileInfo(resource).isFile();
    const bool placeholder = !exists && relative == u"/index.html";
    if (!exists && !placeholder)
        return std::nullopt;
    if (request.method() != QHttpServerRequest::Method::Get)
        return HttpReply::methodNotAllowed("GET"_ba);

    HttpReply reply;
    reply.contentType = contentTypeFor(relative);
    if (placeholder) {
        reply.body = PlaceholderPage;
    } else {
        if (!file.open(QIODevice::ReadOnly))
            return HttpReply::error(500, u"cannot read %1"_s.arg(relative));
        reply.body = file.readAll();
    }
    reply.headers.append({"Cache-Control"_ba, "no-cache"_ba});
    return reply;
}

#include "staticroutes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHttpServerRequest>

namespace {

const QByteArray PlaceholderPage = QByteArrayLiteral(
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vigil</title></head>\n"
    "<body><h1>Vigil</h1><p>The server is running. This build has no web frontend; the API is "
    "at <a href=\"/api/events\">/api/events</a>.</p></body></html>\n");

} // namespace

QByteArray StaticRoutes::contentTypeFor(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    static const QHash<QString, QByteArray> types{
        {QStringLiteral("html"), QByteArrayLiteral("text/html; charset=utf-8")},
        {QStringLiteral("js"), QByteArrayLiteral("text/javascript; charset=utf-8")},
        {QStringLiteral("mjs"), QByteArrayLiteral("text/javascript; charset=utf-8")},
        {QStringLiteral("css"), QByteArrayLiteral("text/css; charset=utf-8")},
        {QStringLiteral("json"), QByteArrayLiteral("application/json")},
        {QStringLiteral("svg"), QByteArrayLiteral("image/svg+xml")},
        {QStringLiteral("png"), QByteArrayLiteral("image/png")},
        {QStringLiteral("ico"), QByteArrayLiteral("image/x-icon")},
        {QStringLiteral("wav"), QByteArrayLiteral("audio/wav")},
        {QStringLiteral("mp3"), QByteArrayLiteral("audio/mpeg")},
        {QStringLiteral("txt"), QByteArrayLiteral("text/plain; charset=utf-8")},
        {QStringLiteral("webmanifest"), QByteArrayLiteral("application/manifest+json")},
    };
    return types.value(suffix, QByteArrayLiteral("application/octet-stream"));
}

std::optional<HttpReply> StaticRoutes::handle(const QHttpServerRequest &request,
                                              const QString &path)
{
    // cleanPath resolves "..", so nothing outside :/web can be named.
    const QString relative = QDir::cleanPath(path == u"/" ? QStringLiteral("/index.html") : path);
    const QString resource = QStringLiteral(":/web") + relative;
    QFile file(resource);
    const bool exists =
        relative.startsWith(u'/') && !relative.contains(u"/.."_qs) && QFileInfo(resource).isFile();
    const bool placeholder = !exists && relative == u"/index.html";
    if (!exists && !placeholder)
        return std::nullopt;
    if (request.method() != QHttpServerRequest::Method::Get)
        return HttpReply::methodNotAllowed(QByteArrayLiteral("GET"));

    HttpReply reply;
    reply.contentType = contentTypeFor(relative);
    if (placeholder) {
        reply.body = PlaceholderPage;
    } else {
        if (!file.open(QIODevice::ReadOnly))
            return HttpReply::error(500, QStringLiteral("cannot read %1").arg(relative));
        reply.body = file.readAll();
    }
    reply.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache")});
    return reply;
}

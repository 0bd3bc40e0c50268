#include "dashboardapi.h"

#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

DashboardApi::DashboardApi(QObject *parent)
    : QObject(parent)
{}

QByteArray DashboardApi::Reply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QUrl DashboardApi::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_serverUrl;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    url.setQuery(query);
    url.setFragment({});
    return url;
}

QNetworkRequest DashboardApi::request(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

void DashboardApi::get(const QString &path, const QUrlQuery &query, QObject *context,
                       Callback callback)
{
    track(m_network.get(request(urlFor(path, query))), context, std::move(callback));
}

void DashboardApi::put(const QString &path, const QJsonDocument &body, QObject *context,
                       Callback callback)
{
    QNetworkRequest req = request(urlFor(path));
    req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    track(m_network.put(req, body.toJson(QJsonDocument::Compact)), context, std::move(callback));
}

void DashboardApi::track(QNetworkReply *reply, QObject *context, Callback callback)
{
    connect(reply, &QNetworkReply::finished, context, [reply, callback = std::move(callback)] {
        reply->deleteLater();
        Reply result;
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.headers = reply->rawHeaderPairs();
        const QByteArray bytes = reply->readAll();
        QJsonParseError parseError;
        result.body = QJsonDocument::fromJson(bytes, &parseError);
        if (result.httpStatus == 0) {
            result.errorString = reply->errorString();
        } else if (result.httpStatus < 200 || result.httpStatus >= 300) {
            // The server's errors are {"error": "..."}; say that, else the HTTP status.
            const QString serverError = result.body.object().value("error"_L1).toString();
            result.errorString =
                u"HTTP %1: %2"_s.arg(result.httpStatus)
                    .arg(serverError.isEmpty() ? reply->errorString() : serverError);
        } else if (parseError.error != QJsonParseError::NoError) {
            result.errorString = u"invalid JSON from the server: "_s + parseError.errorString();
        }
        callback(result);
    });
    // Nobody waits for the answer any more: stop the request and free the reply.
    connect(context, &QObject::destroyed, reply, [reply, context] {
        // The callback belongs to the dying context: it must not run on the abort.
        QObject::disconnect(reply, nullptr, context, nullptr);
        reply->abort();
        reply->deleteLater();
    });
}

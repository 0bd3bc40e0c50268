#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

// The dashboard's few REST calls to vigil-server (GET /api/events, GET /api/devices,
// PUT /api/mode, PUT /api/alarm), with the bearer token and a timeout. Replies come back through
// callbacks on the GUI thread; a callback is dropped with the request when its context object dies.
class DashboardApi : public QObject
{
    Q_OBJECT
public:
    struct Reply
    {
        int httpStatus = 0;  // 0 when no HTTP answer came (refused, timeout, TLS)
        QJsonDocument body;  // the parsed JSON body, null when there was none
        QString errorString; // empty on a 2xx with a JSON body
        QList<QPair<QByteArray, QByteArray>> headers; // as received
        // The value of header `name` (any case), empty when absent.
        QByteArray header(const QByteArray &name) const;
        bool ok() const { return errorString.isEmpty(); }
        bool unauthorized() const { return httpStatus == 401 || httpStatus == 403; }
    };
    using Callback = std::function<void(const Reply &)>;

    explicit DashboardApi(QObject *parent = nullptr);

    void setServerUrl(const QUrl &url) { m_serverUrl = url; }
    QUrl serverUrl() const { return m_serverUrl; }
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    // `path` like "/api/events"; the server URL's own path is kept as a prefix.
    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;

    void get(const QString &path, const QUrlQuery &query, QObject *context, Callback callback);
    void put(const QString &path, const QJsonDocument &body, QObject *context, Callback callback);

private:
    QNetworkRequest request(const QUrl &url) const;
    void track(QNetworkReply *reply, QObject *context, Callback callback);

    QNetworkAccessManager m_network;
    QUrl m_serverUrl;
    QString m_token;
    int m_timeoutMs = 10000;
};

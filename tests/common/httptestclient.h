#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

// The tests' one HTTP client: real requests to a server under test (vigil-server, a test
// backend) through QNetworkAccessManager, each waited for with a deadline while the test's event
// loop runs. Test (GUI) thread only.
class HttpTestClient
{
public:
    struct Reply
    {
        int status = 0; // 0: no HTTP answer
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QString networkError;

        QJsonDocument json() const { return QJsonDocument::fromJson(body); }
        QByteArray header(const QByteArray &name) const;
    };

    // `token`: sent as "Authorization: Bearer"; `caFile`: a PEM CA trusted for https://.
    explicit HttpTestClient(QUrl base, const QString &token = {}, const QString &caFile = {});

    void setToken(const QByteArray &token) { m_token = token; }
    // Trust these (self-signed) certificates for https:// servers.
    void setCaCertificates(const QList<QSslCertificate> &certificates) { m_ca = certificates; }

    Reply get(const QString &pathAndQuery) { return send("GET", pathAndQuery); }
    Reply post(const QString &path, const QByteArray &body) { return send("POST", path, body); }
    Reply put(const QString &path, const QByteArray &body) { return send("PUT", path, body); }
    Reply send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {});

    QUrl url(const QString &pathAndQuery) const;

    // GET /api/events?limit=1000 as an array (empty on any failure).
    QJsonArray events();
    // The stored events whose details.event_id is `eventId`.
    QJsonArray eventsWithId(const QString &eventId);

private:
    QUrl m_base;
    QByteArray m_token;
    QList<QSslCertificate> m_ca;
    QNetworkAccessManager m_network;
};

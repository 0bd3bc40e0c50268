#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QSslCertificate>
#include <QUrl>

// Real HTTP requests to a server under test through QNetworkAccessManager, waited for with a
// deadline (the test's event loop runs meanwhile). For tests only.
class ServerTestClient
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

    explicit ServerTestClient(QUrl base)
        : m_base(std::move(base))
    {}

    void setToken(const QByteArray &token) { m_token = token; }
    // Trust these (self-signed) certificates for https:// servers.
    void setCaCertificates(const QList<QSslCertificate> &certificates) { m_ca = certificates; }

    Reply get(const QString &pathAndQuery) { return send("GET", pathAndQuery); }
    Reply post(const QString &path, const QByteArray &body) { return send("POST", path, body); }
    Reply put(const QString &path, const QByteArray &body) { return send("PUT", path, body); }
    Reply send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body = {},
               const QList<QPair<QByteArray, QByteArray>> &headers = {});

    QUrl url(const QString &pathAndQuery) const;

private:
    QUrl m_base;
    QByteArray m_token;
    QList<QSslCertificate> m_ca;
    QNetworkAccessManager m_network;
};

#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

// A small blocking client of vigil-server's HTTP API for end-to-end tests: real HTTP over
// loopback through QNetworkAccessManager, each call waiting (events processed) up to 10 s.
// Test (GUI) thread only.
class TestApi
{
public:
    struct Reply
    {
        int status = 0; // 0 when no HTTP answer came
        QByteArray body;
        QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    };

    // `caFile`: a PEM CA trusted on top of the system's, for an https:// server.
    explicit TestApi(QUrl base, QString token = {}, QString caFile = {});

    // `pathAndQuery` like "/api/events?limit=1000".
    Reply get(const QString &pathAndQuery);
    Reply put(const QString &path, const QByteArray &json);
    Reply post(const QString &path, const QByteArray &json);

    // GET /api/events?limit=1000 as an array (empty on any failure).
    QJsonArray events();
    // The stored events whose details.event_id is `eventId`.
    QJsonArray eventsWithId(const QString &eventId);

private:
    Reply send(const QString &method, const QString &pathAndQuery, const QByteArray &body);

    QUrl m_base;
    QString m_token;
    QString m_caFile;
    QNetworkAccessManager m_network;
};

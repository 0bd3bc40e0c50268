#include "httptestclient.h"

#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

HttpTestClient::HttpTestClient(QUrl base, const QString &token, const QString &caFile)
    : m_base(std::move(base))
    , m_token(token.toUtf8())
{
    if (!caFile.isEmpty())
        m_ca = QSslCertificate::fromPath(caFile);
}

QByteArray HttpTestClient::Reply::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QUrl HttpTestClient::url(const QString &pathAndQuery) const
{
    return m_base.resolved(QUrl(pathAndQuery));
}

HttpTestClient::Reply HttpTestClient::send(const QByteArray &verb, const QString &pathAndQuery,
                                           const QByteArray &body,
                                           const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url(pathAndQuery));
    request.setTransferTimeout(15000);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    if (!m_ca.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_ca);
        request.setSslConfiguration(tls);
    }
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    QNetworkReply *reply = body.isEmpty() && verb != "POST" && verb != "PUT"
                               ? m_network.sendCustomRequest(request, verb)
                               : m_network.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

QJsonArray HttpTestClient::events()
{
    return get(u"/api/events?limit=1000"_s).json().array();
}

QJsonArray HttpTestClient::eventsWithId(const QString &eventId)
{
    QJsonArray matching;
    const QJsonArray all = events();
    for (const QJsonValue &event : all) {
        if (event[u"details"_s][u"event_id"_s].toString() == eventId)
            matching.append(event);
    }
    return matching;
}

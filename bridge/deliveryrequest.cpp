#include "deliveryrequest.h"

#include <QSslConfiguration>

using namespace Qt::StringLiterals;

QNetworkRequest DeliveryRequest::make(const QUrl &eventsUrl, const QString &token,
                                      const QList<QSslCertificate> &extraCaCertificates,
                                      int transferTimeoutMs)
{
    QNetworkRequest request(eventsUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setTransferTimeout(transferTimeoutMs);
    // Never follow a redirect: Qt would resend a 301/302 POST as a GET, and the 200 of
    // whatever answers there would delete events the server never stored.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!extraCaCertificates.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(extraCaCertificates);
        request.setSslConfiguration(ssl);
    }
    return request;
}

QByteArray DeliveryRequest::body(const QList<OutboxEvent> &events, bool asArray)
{
    if (!asArray)
        return events.isEmpty() ? QByteArray() : events.first().body;
    qsizetype size = events.size() + 2;
    for (const OutboxEvent &event : events)
        size += event.body.size();
    QByteArray body;
    body.reserve(size);
    body += '[';
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i > 0)
            body += ',';
        body += events.at(i).body;
    }
    body += ']';
    return body;
}

QUrl DeliveryRequest::apiUrl(const QUrl &backendUrl, const QString &apiPath)
{
    QUrl url = backendUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + apiPath);
    return url;
}

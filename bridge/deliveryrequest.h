#pragma once

#include "outbox.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

// What the Forwarder sends for a batch of outbox events: the POST request (content type,
// token, timeout, no redirects followed, extra CA certificates) and its body (one object, or a
// JSON array of them). Pure functions; any thread.
class DeliveryRequest
{
public:
    static QNetworkRequest make(const QUrl &eventsUrl, const QString &token,
                                const QList<QSslCertificate> &extraCaCertificates,
                                int transferTimeoutMs);
    // <backendUrl's path without its trailing slashes><apiPath>: the base may sit under a prefix.
    static QUrl apiUrl(const QUrl &backendUrl, const QString &apiPath);
    static QByteArray body(const QList<OutboxEvent> &events, bool asArray);
};

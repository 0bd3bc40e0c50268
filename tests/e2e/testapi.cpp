#include "testapi.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::StringLiterals;

TestApi::TestApi(QUrl base, QString token, QString caFile)
    : m_base(std::move(base))
    , m_token(std::move(token))
    , m_caFile(std::move(caFile))
{}

TestApi::Reply TestApi::get(const QString &pathAndQuery)
{
    return send(u"GET"_s, pathAndQuery, {});
}

TestApi::Reply TestApi::put(const QString &path, const QByteArray &json)
{
    return send(u"PUT"_s, path, json);
}

TestApi::Reply TestApi::post(const QString &path, const QByteArray &json)
{
    return send(u"POST"_s, path, json);
}

QJsonArray TestApi::events()
{
    return get(u"/api/events?limit=1000"_s).json().array();
}

QJsonArray TestApi::eventsWithId(const QString &eventId)
{
    QJsonArray matching;
    const QJsonArray all = events();
    for (const QJsonValue &event : all) {
        if (event[u"details"_s][u"event_id"_s].toString() == eventId)
            matching.append(event);
    }
    return matching;
}

TestApi::Reply TestApi::send(const QString &method, const QString &pathAndQuery,
                             const QByteArray &body)
{
    QUrl url = m_base;
    const qsizetype question = pathAndQuery.indexOf(u'?');
    url.setPath(pathAndQuery.left(question));
    if (question >= 0)
        url.setQuery(pathAndQuery.mid(question + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    if (!m_caFile.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_caFile);
        request.setSslConfiguration(tls);
    }

    QNetworkReply *reply = m_network.sendCustomRequest(request, method.toLatin1(), body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(11000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    reply->deleteLater();
    return result;
}

#include "readprobe.h"

#include "benchcommon.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

BenchReadProbe::BenchReadProbe(const QUrl &server, QObject *parent)
    : QObject(parent)
    , m_url(server.resolved(QUrl(u"/api/events"_s)))
{}

void BenchReadProbe::start(int requests, int limit)
{
    m_remaining = requests;
    m_latenciesMs.clear();
    m_failures = 0;
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(limit));
    m_url.setQuery(query);
    sendNext();
}

void BenchReadProbe::sendNext()
{
    if (m_remaining-- <= 0) {
        Q_EMIT finished();
        return;
    }
    QNetworkRequest request(m_url);
    request.setTransferTimeout(10'000);
    const qint64 sentUs = BenchCommon::nowUs();
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, sentUs] { onFinished(reply, sentUs); });
}

void BenchReadProbe::onFinished(QNetworkReply *reply, qint64 sentUs)
{
    reply->deleteLater();
    const QByteArray body = reply->readAll();
    const qint64 doneUs = BenchCommon::nowUs();
    if (reply->error() != QNetworkReply::NoError) {
        ++m_failures;
    } else {
        m_latenciesMs.append(double(doneUs - sentUs) / 1000.0);
        // Parsed outside the timed span: the check that the server really returned the rows.
        m_lastCount = QJsonDocument::fromJson(body).array().size();
    }
    sendNext();
}

#include "httpload.h"

#include "benchcommon.h"

#include <QNetworkReply>

#include <algorithm>

BenchHttpLoad::BenchHttpLoad(const QUrl &server, QByteArray runId, QObject *parent)
    : QObject(parent)
    , m_url(server.resolved(QUrl(QStringLiteral("/api/events"))))
    , m_runId(std::move(runId))
{}

void BenchHttpLoad::start(qint64 count, int batch, int parallel)
{
    m_count = count;
    m_batch = std::max(1, batch);
    m_result = {};
    m_startUs = BenchCommon::nowUs();
    m_lastReportUs = m_startUs;
    for (int i = 0; i < parallel && m_next < m_count; ++i)
        sendNext();
    if (m_inFlight == 0)
        Q_EMIT finished(m_result);
}

void BenchHttpLoad::sendNext()
{
    const int events = int(std::min<qint64>(m_batch, m_count - m_next));
    // batch 1 sends a single object: the single-POST path, not a batch of one.
    const QByteArray body = m_batch == 1
                                ? BenchCommon::backendEvent(m_runId, m_next, BenchCommon::nowUs())
                                : BenchCommon::backendBatch(m_runId, m_next, events);
    m_next += events;
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(30'000);
    QNetworkReply *reply = m_network.post(request, body);
    ++m_inFlight;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, events] { onFinished(reply, events); });
}

void BenchHttpLoad::onFinished(QNetworkReply *reply, int events)
{
    reply->deleteLater();
    --m_inFlight;
    ++m_result.requests;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        m_result.events += events;
    } else {
        if (m_result.failures == 0)
            m_result.firstError =
                QStringLiteral("HTTP %1: %2 %3")
                    .arg(status)
                    .arg(reply->errorString(), QString::fromUtf8(reply->readAll().left(200)));
        ++m_result.failures;
    }
    const qint64 now = BenchCommon::nowUs();
    if (now - m_lastReportUs > 5'000'000) {
        m_lastReportUs = now;
        BenchCommon::note(QStringLiteral("%1 of %2 events posted").arg(m_next).arg(m_count));
    }
    if (m_next < m_count) {
        sendNext();
        return;
    }
    if (m_inFlight == 0) {
        m_result.seconds = double(now - m_startUs) / 1e6;
        Q_EMIT finished(m_result);
    }
}

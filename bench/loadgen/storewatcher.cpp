#include "storewatcher.h"

#include "benchcommon.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

constexpr int PollIntervalMs = 25;

// The JSON array of a successful GET /api/events, or nothing.
std::optional<QJsonArray> eventsOf(QNetworkReply *reply)
{
    if (reply->error() != QNetworkReply::NoError)
        return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
    if (!document.isArray())
        return std::nullopt;
    return document.array();
}

} // namespace

BenchStoreWatcher::BenchStoreWatcher(const QUrl &server, QByteArray runId, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_prefix(runId + '-')
{}

QNetworkReply *BenchStoreWatcher::get(const QString &query)
{
    QUrl url = m_server;
    url.setPath(u"/api/events"_s);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(10'000);
    return m_network.get(request);
}

void BenchStoreWatcher::fetchNewest()
{
    QNetworkReply *reply = get(u"limit=1"_s);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const std::optional<QJsonArray> events = eventsOf(reply);
        if (!events) {
            Q_EMIT failed(u"GET /api/events failed: %1"_s.arg(reply->errorString()));
            return;
        }
        Q_EMIT newestFetched(events->isEmpty() ? 0 : events->first()[u"id"].toInteger());
    });
}

void BenchStoreWatcher::watch(qint64 baselineId, qint64 count, double timeoutSeconds)
{
    m_baselineId = baselineId;
    m_count = count;
    m_deadlineUs = BenchCommon::nowUs() + qint64(timeoutSeconds * 1e6);
    m_scannedNewest = 0;
    m_result = {};
    poll();
}

bool BenchStoreWatcher::timedOut() const
{
    return BenchCommon::nowUs() > m_deadlineUs;
}

void BenchStoreWatcher::poll()
{
    QNetworkReply *reply = get(u"limit=1"_s);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onPolled(reply); });
}

void BenchStoreWatcher::onPolled(QNetworkReply *reply)
{
    reply->deleteLater();
    const std::optional<QJsonArray> events = eventsOf(reply);
    if (events) {
        const qint64 now = BenchCommon::nowUs();
        if (m_result.firstAnswerUs == 0)
            m_result.firstAnswerUs = now;
        const qint64 newest = events->isEmpty() ? 0 : events->first()[u"id"].toInteger();
        // A second scan only once more events came in: gaps are not worth a scan every poll.
        if (newest >= m_baselineId + m_count && newest > m_scannedNewest) {
            m_scannedNewest = newest;
            m_result.reachedUs = now;
            m_seen.clear();
            verifyPage(0);
            return;
        }
    }
    if (timedOut()) {
        m_seen.clear();
        verifyPage(0);
        return;
    }
    QTimer::singleShot(PollIntervalMs, this, &BenchStoreWatcher::poll);
}

void BenchStoreWatcher::verifyPage(qint64 beforeId)
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, u"1000"_s);
    if (beforeId > 0)
        query.addQueryItem(u"before_id"_s, QString::number(beforeId));
    QNetworkReply *reply = get(query.toString());
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onPage(reply); });
}

void BenchStoreWatcher::onPage(QNetworkReply *reply)
{
    reply->deleteLater();
    const std::optional<QJsonArray> events = eventsOf(reply);
    qint64 oldest = 0;
    if (events) {
        for (const QJsonValue &value : *events) {
            const QJsonObject event = value.toObject();
            const qint64 id = event[u"id"].toInteger();
            if (id <= m_baselineId)
                break;
            oldest = id;
            const QByteArray eventId = event[u"details"][u"event_id"].toString().toUtf8();
            if (eventId.startsWith(m_prefix))
                m_seen.insert(eventId);
        }
    }
    if (oldest > m_baselineId + 1) {
        verifyPage(oldest);
        return;
    }
    m_result.found = m_seen.size();
    m_result.complete = m_result.found >= m_count;
    if (m_result.complete || timedOut() || !events) {
        Q_EMIT finished(m_result);
        return;
    }
    // Ids were reached but some of this run's events are not there (yet): keep polling.
    m_result.reachedUs = 0;
    QTimer::singleShot(PollIntervalMs, this, &BenchStoreWatcher::poll);
}

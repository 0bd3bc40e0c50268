#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QUrl>

class QNetworkReply;

// Watches the server's store for this run's events over the public API only: it polls
// GET /api/events?limit=1 until the newest id says `count` events have arrived after the
// baseline, then pages back through GET /api/events?before_id= and counts the distinct
// event_ids of this run, so "lost" is counted event by event, not inferred from ids. A server
// that does not answer yet (restarting) is simply polled again. Lives on the main thread.
class BenchStoreWatcher : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool complete = false; // every event of the run was found
        qint64 found = 0;
        qint64 firstAnswerUs = 0; // the first poll the server answered
        qint64 reachedUs = 0;     // the poll that saw the last event stored
    };

    BenchStoreWatcher(const QUrl &server, QByteArray runId, QObject *parent = nullptr);

    void fetchNewest(); // newestFetched(id) or failed(reason); id 0 for an empty store
    void watch(qint64 baselineId, qint64 count, double timeoutSeconds);

Q_SIGNALS:
    void newestFetched(qint64 id);
    void failed(const QString &reason);
    void finished(const BenchStoreWatcher::Result &result);

private:
    QNetworkReply *get(const QString &query);
    void poll();
    void onPolled(QNetworkReply *reply);
    void verifyPage(qint64 beforeId);
    void onPage(QNetworkReply *reply);
    bool timedOut() const;

    QNetworkAccessManager m_network;
    QUrl m_server;
    QByteArray m_prefix; // "<runId>-"
    qint64 m_baselineId = 0;
    qint64 m_count = 0;
    qint64 m_deadlineUs = 0;
    qint64 m_scannedNewest = 0;
    QSet<QByteArray> m_seen;
    Result m_result;
};

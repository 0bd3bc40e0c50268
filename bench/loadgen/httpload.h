#pragma once

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <memory>
#include <vector>

class BenchHttpConnection;

// POSTs `count` events to /api/events, one object per request (batch 1) or JSON arrays of
// `batch`, over `parallel` keep-alive connections with one request in flight on each. Every
// request must get a 2xx; anything else is counted as a failure. Lives on the main thread.
class BenchHttpLoad : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        qint64 events = 0;
        qint64 requests = 0;
        qint64 failures = 0;
        QString firstError;
        double seconds = 0;
    };

    BenchHttpLoad(const QUrl &server, QByteArray runId, QObject *parent = nullptr);
    ~BenchHttpLoad() override;
    void start(qint64 count, int batch, int parallel);

Q_SIGNALS:
    void finished(const BenchHttpLoad::Result &result);

private:
    void sendNext(BenchHttpConnection *connection);
    void onFinished(BenchHttpConnection *connection, int events, int status,
                    const QByteArray &body);

    QUrl m_server;
    QByteArray m_runId;
    std::vector<std::unique_ptr<BenchHttpConnection>> m_connections;
    qint64 m_count = 0;
    int m_batch = 1;
    qint64 m_next = 0;
    int m_inFlight = 0;
    qint64 m_startUs = 0;
    qint64 m_lastReportUs = 0;
    Result m_result;
};

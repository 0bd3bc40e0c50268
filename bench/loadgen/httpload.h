#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

class QNetworkReply;

// POSTs `count` events to /api/events, one object per request (batch 1) or JSON arrays of
// `batch`, keeping `parallel` requests in flight over QNetworkAccessManager's keep-alive
// connections (it opens up to six per host). Every request must get a 2xx; anything else is
// counted as a failure. Lives on the main thread.
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
    void start(qint64 count, int batch, int parallel);

Q_SIGNALS:
    void finished(const BenchHttpLoad::Result &result);

private:
    void sendNext();
    void onFinished(QNetworkReply *reply, int events);

    QNetworkAccessManager m_network;
    QUrl m_url;
    QByteArray m_runId;
    qint64 m_count = 0;
    int m_batch = 1;
    qint64 m_next = 0;
    int m_inFlight = 0;
    qint64 m_startUs = 0;
    qint64 m_lastReportUs = 0;
    Result m_result;
};

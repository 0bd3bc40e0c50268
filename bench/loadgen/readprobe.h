#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

class QNetworkReply;

// Sends `requests` GET /api/events?limit=N one after the other over one keep-alive connection
// and records each round trip (request sent -> body read), the read path of the dashboard and
// the web page. Lives on the main thread.
class BenchReadProbe : public QObject
{
    Q_OBJECT
public:
    explicit BenchReadProbe(const QUrl &server, QObject *parent = nullptr);
    void start(int requests, int limit);

    const QList<double> &latenciesMs() const { return m_latenciesMs; }
    int failures() const { return m_failures; }
    qint64 lastCount() const { return m_lastCount; }

Q_SIGNALS:
    void finished();

private:
    void sendNext();
    void onFinished(QNetworkReply *reply, qint64 sentUs);

    QNetworkAccessManager m_network;
    QUrl m_url;
    int m_remaining = 0;
    int m_failures = 0;
    qint64 m_lastCount = 0;
    QList<double> m_latenciesMs;
};

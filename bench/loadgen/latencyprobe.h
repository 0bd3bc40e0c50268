#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

// One WebSocket client of the server's /ws, like a dashboard: it waits for the hello, then for
// every {"kind":"event"} of this run records the latency from the publish time the generator
// embedded in the event ("bench_us") to its arrival here. Lives on the main thread.
class BenchLatencyProbe : public QObject
{
    Q_OBJECT
public:
    BenchLatencyProbe(const QUrl &webSocketUrl, QByteArray runId, QObject *parent = nullptr);

    void open();
    qint64 received() const { return m_latenciesMs.size(); }
    const QList<double> &latenciesMs() const { return m_latenciesMs; }

Q_SIGNALS:
    void ready(); // the hello arrived
    void failed(const QString &reason);
    void eventReceived(qint64 total);

private:
    void onMessage(const QString &message);

    QWebSocket m_socket;
    QUrl m_url;
    QByteArray m_runId;
    bool m_ready = false;
    QList<double> m_latenciesMs;
};

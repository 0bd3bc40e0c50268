#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <memory>
#include <vector>

class QWebSocket;

// Opens `clients` WebSocket clients on /ws, waits until every one has its hello, then POSTs
// one event at a time and measures how long it takes for that event to reach all of them.
// Every client and the POST live on the main thread, so the figure includes the generator's
// own receiving; it is an upper bound on the server's fan-out time.
class BenchFanoutProbe : public QObject
{
    Q_OBJECT
public:
    BenchFanoutProbe(const QUrl &server, QByteArray runId, QObject *parent = nullptr);
    ~BenchFanoutProbe() override;

    void start(int clients, int rounds);

    qint64 connectMs() const { return m_connectMs; }
    const QList<double> &roundsMs() const { return m_roundsMs; }
    int missedRounds() const { return m_missedRounds; }

Q_SIGNALS:
    void finished();
    void failed(const QString &reason);

private:
    void onMessage(int client, const QString &message);
    void nextRound();
    void endRound(bool complete);

    QNetworkAccessManager m_network;
    QUrl m_server;
    QByteArray m_runId;
    std::vector<std::unique_ptr<QWebSocket>> m_sockets;
    std::vector<int> m_lastRoundSeen;
    int m_helloCount = 0;
    int m_roundsLeft = 0;
    int m_round = 0;
    int m_reached = 0;
    bool m_roundOpen = false;
    QByteArray m_roundEventId;
    qint64 m_startUs = 0;
    qint64 m_roundStartUs = 0;
    qint64 m_connectMs = 0;
    int m_missedRounds = 0;
    QList<double> m_roundsMs;
};

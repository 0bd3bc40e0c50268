#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <atomic>
#include <mutex>

struct mosquitto;
struct mosquitto_message;

// A QoS 1 libmosquitto subscriber that counts this run's events and records, for each, the
// latency from the publish time embedded in it: the broker alone, as the ceiling the bridge is
// compared with. Its own network thread (mosquitto_loop_start); waitFor() blocks, so it runs in
// commands without an event loop. Owns its libmosquitto handle.
class BenchSubscriber
{
public:
    BenchSubscriber(QString host, int port, QByteArray topic, QByteArray runId);
    ~BenchSubscriber();
    BenchSubscriber(const BenchSubscriber &) = delete;
    BenchSubscriber &operator=(const BenchSubscriber &) = delete;

    // Connects and waits for the SUBACK.
    bool start(QString *error);
    // Waits until `count` events arrived or the timeout passed; true when all arrived.
    bool waitFor(qint64 count, double timeoutSeconds) const;

    qint64 received() const { return m_received.load(); }
    qint64 lastArrivalUs() const { return m_lastArrivalUs.load(); }
    QList<double> latenciesMs() const;

private:
    void onMessage(const mosquitto_message *message);

    QString m_host;
    int m_port;
    QByteArray m_topic;
    QByteArray m_runId;
    mosquitto *m_mosq = nullptr;
    std::atomic<int> m_connack{-1};
    std::atomic<bool> m_subscribed{false};
    std::atomic<qint64> m_received{0};
    std::atomic<qint64> m_lastArrivalUs{0};
    mutable std::mutex m_latencyMutex;
    QList<double> m_latenciesMs;
};

#pragma once

#include <QByteArray>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>

struct mosquitto;

// Publishes `count` events in the guide's MQTT format at QoS 1, as a burst or paced at a fixed
// rate, and waits for every PUBACK. Plain libmosquitto with its own network thread
// (mosquitto_loop_start), no QObject: run() blocks, so callers run it on a worker thread (or in
// a command that has no event loop to keep alive). Owns its libmosquitto handle.
class BenchPublisher
{
public:
    struct Plan
    {
        QString host = QStringLiteral("127.0.0.1");
        int port = 1883;
        QByteArray topic = QByteArrayLiteral("sensor/bench");
        QByteArray runId;
        qint64 count = 0;
        double rate = 0;  // events per second; 0 publishes as fast as libmosquitto takes them
        int inflight = 0; // QoS 1 messages in flight; 0 = unlimited
        double timeoutSeconds = 120;
    };
    struct Report
    {
        bool ok = false;
        QString error;
        qint64 acknowledged = 0;
        qint64 startUs = 0;    // just before the first publish
        qint64 handedUs = 0;   // the last publish handed to libmosquitto
        qint64 finishedUs = 0; // the last PUBACK
    };

    explicit BenchPublisher(Plan plan);
    ~BenchPublisher();
    BenchPublisher(const BenchPublisher &) = delete;
    BenchPublisher &operator=(const BenchPublisher &) = delete;

    Report run();

private:
    bool connectBroker(QString *error);
    void onAcknowledged();
    bool waitForAcknowledged(qint64 atLeast, double timeoutSeconds);

    Plan m_plan;
    mosquitto *m_mosq = nullptr;
    std::atomic<int> m_connack{-1};
    std::atomic<qint64> m_acknowledged{0};
    std::mutex m_ackMutex;
    std::condition_variable m_ackCondition;
};

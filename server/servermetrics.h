#pragma once

#include <QByteArray>
#include <QMap>

#include <array>

// The counters behind GET /metrics, written in the Prometheus text exposition format.
// Owned by VigilServer; main thread only.
class ServerMetrics
{
public:
    void addStored(qint64 count) { m_stored += count; }
    void addDuplicates(qint64 count) { m_duplicates += count; }
    void addRejected(qint64 count) { m_rejected += count; }
    void countRequest(int status, double seconds);

    qint64 stored() const { return m_stored; }
    qint64 duplicates() const { return m_duplicates; }
    qint64 rejected() const { return m_rejected; }

    QByteArray exposition(int webSocketClients) const;

private:
    static constexpr std::array<double, 11> Buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                    0.05,   0.1,   0.25,   0.5,   1.0};
    qint64 m_stored = 0;
    qint64 m_duplicates = 0;
    qint64 m_rejected = 0;
    QMap<int, qint64> m_requestsByStatus;
    std::array<qint64, Buckets.size()> m_latencyBuckets{}; // non-cumulative counts
    qint64 m_latencyCount = 0;
    double m_latencySum = 0;
};

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Which bridges (houses' gateways) are alive, from their heartbeats: a bridge silent for the
// timeout is offline until its next heartbeat. A domain class: times passed in, no I/O, no
// timer; main thread. Supervision owns one.
//
// After a restart the server knows the bridges it had seen (known()) but not when they last
// spoke: each gets one whole timeout from the start to be heard again (restore()), so that a
// house that lost its power while the server was down is still reported.
class BridgeRegistry
{
public:
    static constexpr int MaxBridges = 64; // the contract's bound on what a client makes us keep

    struct Bridge
    {
        QString id;
        bool online = true;
        qint64 lastSeenMs = 0; // 0: not heard since the server started
        qint64 outboxDepth = 0;
        qint64 deadLetters = 0;
    };
    enum class Heartbeat {
        Known,      // an online bridge
        New,        // first heard of: the set of bridges changed
        BackOnline, // it had been offline: site_online
        TooMany     // a new id beyond MaxBridges: refused, nothing kept
    };

    explicit BridgeRegistry(qint64 timeoutMs);

    void restore(const QStringList &ids, qint64 nowMs);
    Heartbeat heartbeat(const QString &id, qint64 outboxDepth, qint64 deadLetters, qint64 nowMs);
    // The bridges that fell silent for the timeout by nowMs, now marked offline.
    QStringList expire(qint64 nowMs);
    // When expire() next has something to do; nullopt when every bridge is offline or none is.
    std::optional<qint64> nextDeadlineMs() const;

    QList<Bridge> bridges() const; // sorted by id
    QStringList ids() const;       // sorted; what restore() takes back

private:
    struct Entry
    {
        Bridge bridge;
        qint64 deadlineMs = 0; // offline when nowMs >= this
    };

    qint64 m_timeoutMs;
    QList<Entry> m_entries; // sorted by id
};

#include "bridgeregistry.h"

#include <algorithm>

BridgeRegistry::BridgeRegistry(qint64 timeoutMs)
    : m_timeoutMs(timeoutMs)
{}

void BridgeRegistry::restore(const QStringList &ids, qint64 nowMs)
{
    m_entries.clear();
    QStringList sorted = ids;
    sorted.sort();
    sorted.removeDuplicates();
    for (const QString &id :
         std::as_const(sorted).first(qMin(sorted.size(), qsizetype(MaxBridges))))
        m_entries.append({Bridge{id, true, 0, 0, 0}, nowMs + m_timeoutMs});
}

BridgeRegistry::Heartbeat BridgeRegistry::heartbeat(const QString &id, qint64 outboxDepth,
                                                    qint64 deadLetters, qint64 nowMs)
{
    const auto at =
        std::lower_bound(m_entries.begin(), m_entries.end(), id,
                         [](const Entry &e, const QString &key) { return e.bridge.id < key; });
    const Entry updated{Bridge{id, true, nowMs, outboxDepth, deadLetters}, nowMs + m_timeoutMs};
    if (at == m_entries.end() || at->bridge.id != id) {
        if (m_entries.size() >= MaxBridges)
            return Heartbeat::TooMany;
        m_entries.insert(at, updated);
        return Heartbeat::New;
    }
    const bool wasOffline = !at->bridge.online;
    *at = updated;
    return wasOffline ? Heartbeat::BackOnline : Heartbeat::Known;
}

QStringList BridgeRegistry::expire(qint64 nowMs)
{
    QStringList offline;
    for (Entry &entry : m_entries) {
        if (entry.bridge.online && nowMs >= entry.deadlineMs) {
            entry.bridge.online = false;
            offline.append(entry.bridge.id);
        }
    }
    return offline;
}

std::optional<qint64> BridgeRegistry::nextDeadlineMs() const
{
    std::optional<qint64> next;
    for (const Entry &entry : m_entries) {
        if (entry.bridge.online && (!next || entry.deadlineMs < *next))
            next = entry.deadlineMs;
    }
    return next;
}

QList<BridgeRegistry::Bridge> BridgeRegistry::bridges() const
{
    QList<Bridge> list;
    list.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        list.append(entry.bridge);
    return list;
}

QStringList BridgeRegistry::ids() const
{
    QStringList list;
    list.reserve(m_entries.size());
    for (const Entry &entry : m_entries)
        list.append(entry.bridge.id);
    return list;
}

#include "debouncer.h"

std::optional<Debouncer::Edge> Debouncer::feed(bool active, qint64 timestampNs)
{
    m_rawLevel = active;
    m_rawNs = timestampNs;
    const bool locked = m_hasAccepted && timestampNs - m_acceptedNs < m_windowNs;
    if (locked)
        return std::nullopt;
    // An inactive edge while inactive changes nothing; an active one while active is a new
    // activation (see the class comment).
    if (!active && !m_level)
        return std::nullopt;
    m_level = active;
    m_hasAccepted = true;
    m_acceptedNs = timestampNs;
    return Edge{active, timestampNs};
}

std::optional<Debouncer::Edge> Debouncer::settle(qint64 nowNs)
{
    const std::optional<qint64> deadline = settleDeadlineNs();
    if (!deadline || nowNs < *deadline)
        return std::nullopt;
    m_level = m_rawLevel;
    m_acceptedNs = m_rawNs;
    return Edge{m_rawLevel, m_rawNs};
}

std::optional<qint64> Debouncer::settleDeadlineNs() const
{
    if (!m_hasAccepted || m_rawLevel == m_level)
        return std::nullopt;
    return m_acceptedNs + m_windowNs;
}

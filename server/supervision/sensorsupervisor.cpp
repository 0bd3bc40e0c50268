#include "sensorsupervisor.h"

SensorSupervisor::SensorSupervisor(qint64 graceMs)
    : m_graceMs(graceMs)
{}

std::optional<SensorSupervisor::Report> SensorSupervisor::status(const Sensor &sensor, bool online,
                                                                 bool armed, qint64 nowMs)
{
    if (online) {
        m_waiting.remove(sensor);
        if (m_reported.remove(sensor))
            return Report{sensor, true};
        return std::nullopt;
    }
    // Offline: a repeated offline neither restarts the grace nor reports twice.
    if (!armed || m_waiting.contains(sensor) || m_reported.contains(sensor))
        return std::nullopt;
    if (m_waiting.size() >= MaxWaiting) {
        // Past the bound: reported at once, which beats being dropped.
        remember(sensor);
        return Report{sensor, false};
    }
    m_waiting.insert(sensor, nowMs + m_graceMs);
    return std::nullopt;
}

QList<SensorSupervisor::Report> SensorSupervisor::expire(qint64 nowMs)
{
    QList<Report> reports;
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        if (nowMs >= it.value()) {
            reports.append({it.key(), false});
            remember(it.key());
            it = m_waiting.erase(it);
        } else {
            ++it;
        }
    }
    return reports;
}

void SensorSupervisor::remember(const Sensor &sensor)
{
    if (m_reported.size() < MaxReported)
        m_reported.insert(sensor);
}

std::optional<qint64> SensorSupervisor::nextDeadlineMs() const
{
    std::optional<qint64> next;
    for (const qint64 deadline : m_waiting) {
        if (!next || deadline < *next)
            next = deadline;
    }
    return next;
}

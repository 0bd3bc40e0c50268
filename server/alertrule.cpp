#include "alertrule.h"

#include <utility>

AlertRule::AlertRule(QStringList alertTypes, Clock clock)
    : m_alertTypes(std::move(alertTypes))
    , m_clock(std::move(clock))
{}

bool AlertRule::raisesAlert(const ModeState &mode, const QString &type) const
{
    return mode.mode == ModeState::Mode::Surveillance && m_alertTypes.contains(type);
}

qint64 AlertRule::receivedAtMs() const
{
    return m_clock().toMSecsSinceEpoch();
}

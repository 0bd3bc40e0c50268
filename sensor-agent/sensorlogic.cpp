#include "sensorlogic.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSensorLogic, "vigil.agent.logic")

using namespace Qt::StringLiterals;

SensorLogic::SensorLogic(Kind kind, int gpioPin, qint64 pressureMinNs)
    : m_kind(kind)
    , m_gpioPin(gpioPin)
    , m_pressureMinNs(pressureMinNs)
{}

std::optional<SensorLogic::Detection> SensorLogic::onEdge(bool active, qint64 timestampNs)
{
    if (m_kind == Kind::Motion) {
        if (!active)
            return std::nullopt;
        return Detection{u"MOTION_DETECTED"_s,
                         QJsonObject{{"presence"_L1, true}, {"gpio_pin"_L1, m_gpioPin}},
                         timestampNs};
    }

    if (active) {
        // A second press start without a release in between restarts the timing: the release
        // of the earlier press was lost, and the newest press is the one being held.
        m_pressStartNs = timestampNs;
        return std::nullopt;
    }
    if (!m_pressStartNs)
        return std::nullopt; // released before we saw it pressed (pressed at start-up)
    const qint64 durationNs = timestampNs - *m_pressStartNs;
    m_pressStartNs.reset();
    if (durationNs < m_pressureMinNs) {
        ++m_ignoredPresses;
        qCDebug(lcSensorLogic, "press of %lld ms ignored as noise (shorter than %lld ms)",
                durationNs / 1000000, m_pressureMinNs / 1000000);
        return std::nullopt;
    }
    const qint64 durationMs = durationNs / 1000000;
    return Detection{u"PRESSURE_DETECTED"_s,
                     QJsonObject{{"pressure"_L1, u"high"_s},
                                 {"duration_ms"_L1, durationMs},
                                 {"gpio_pin"_L1, m_gpioPin}},
                     timestampNs};
}

QString SensorLogic::kindName(Kind kind)
{
    return kind == Kind::Motion ? u"motion"_s : u"pressure"_s;
}

QString SensorLogic::sourceName(Kind kind)
{
    return u"sensor-"_s + kindName(kind);
}

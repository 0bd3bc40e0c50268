#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// What a debounced edge means for one sensor kind, in the guide's terms:
// - motion (PIR): every active edge is one MOTION_DETECTED {"presence": true, "gpio_pin": N};
// - pressure (mat): a press is timed from its active edge to its inactive edge, and the release
//   is one PRESSURE_DETECTED {"pressure": "high", "duration_ms": D, "gpio_pin": N}; presses
//   shorter than the minimum are noise and give nothing.
// A pure value class on edge timestamps: no clock, no Qt objects, any thread.
class SensorLogic
{
public:
    enum class Kind { Motion, Pressure };

    struct Detection
    {
        QString type;       // MOTION_DETECTED or PRESSURE_DETECTED
        QJsonObject data;   // the guide's "data" object
        qint64 timestampNs; // the edge that completed the detection
    };

    SensorLogic(Kind kind, int gpioPin, qint64 pressureMinNs = 0);

    std::optional<Detection> onEdge(bool active, qint64 timestampNs);

    Kind kind() const { return m_kind; }
    qint64 ignoredPresses() const { return m_ignoredPresses; }

    static QString kindName(Kind kind);   // "motion", "pressure"
    static QString sourceName(Kind kind); // "sensor-motion", "sensor-pressure"

private:
    Kind m_kind;
    int m_gpioPin;
    qint64 m_pressureMinNs;
    std::optional<qint64> m_pressStartNs;
    qint64 m_ignoredPresses = 0;
};

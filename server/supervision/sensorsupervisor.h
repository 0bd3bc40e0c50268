#pragma once

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <optional>
#include <utility>

// When a sensor that went offline is reported: its sensor_offline status arrived while the
// alarm was armed and it was not back within the grace (counted from the status event's
// arrival: a broker's last will carries the time of the last connection, not of the loss).
// Back online after being reported: reported once more (sensor_online); back within the grace:
// nothing (a Wi-Fi blip is not an incident). A domain class: times passed in, no I/O, no timer;
// main thread. Supervision owns one.
class SensorSupervisor
{
public:
    using Sensor = std::pair<QString, QString>; // device_id, source
    struct Report
    {
        Sensor sensor;
        bool online = false; // false: sensor_offline, true: sensor_online
        friend bool operator==(const Report &, const Report &) = default;
    };

    explicit SensorSupervisor(qint64 graceMs);

    // A status event of `sensor` arrived at nowMs; `armed`: the alarm is armed (or alarming).
    // Returns the sensor_online report of a sensor that had been reported offline (or, past
    // MaxWaiting sensors within their grace, the sensor_offline report at once).
    std::optional<Report> status(const Sensor &sensor, bool online, bool armed, qint64 nowMs);
    // The sensors whose grace ended by nowMs, now reported offline.
    QList<Report> expire(qint64 nowMs);
    std::optional<qint64> nextDeadlineMs() const;

private:
    void remember(const Sensor &sensor); // as reported offline, within MaxReported

    // Bounds on what status events (any device_id a client posts) can make us keep: past
    // MaxWaiting a sensor is reported at once; past MaxReported its return goes unreported.
    static constexpr int MaxWaiting = 1024;
    static constexpr int MaxReported = 1024;

    qint64 m_graceMs;
    QMap<Sensor, qint64> m_waiting; // offline, within the grace: its end
    QSet<Sensor> m_reported;        // reported offline, not back yet
};

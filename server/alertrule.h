#pragma once

#include "modestate.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>

// The surveillance rule: which arriving events are stored as alerts ("alert": true). An event
// raises an alert when the system is in surveillance mode and its type is one of ALERT_TYPES;
// in active mode nothing does. The rule also gives the time events arriving now are received
// at, from its clock, so that a test (and, later, the alarm's delays) can set the time.
// A plain value with no I/O; any thread. EventRoutes holds one and asks it for every event.
class AlertRule
{
public:
    using Clock = std::function<QDateTime()>;

    explicit AlertRule(QStringList alertTypes, Clock clock = &QDateTime::currentDateTimeUtc);

    QStringList alertTypes() const { return m_alertTypes; }

    // Whether an event of `type` arriving while the system is in `mode` is an alert.
    bool raisesAlert(const ModeState &mode, const QString &type) const;
    // The received_at of the events arriving now, in milliseconds since the epoch (UTC).
    qint64 receivedAtMs() const;

private:
    QStringList m_alertTypes;
    Clock m_clock;
};

#pragma once

#include <QJsonObject>
#include <QString>

// One row of the audit log (GET /api/audit): every arm, disarm, trigger, pending, wrong code,
// lockout, user change, sensor change and supervision change, with who did it. A plain value;
// any thread. `by` is a user's name, empty when nobody (a timer, a sensor, no users yet).
struct AuditEntry
{
    qint64 id = 0; // set by the store
    qint64 atMs = 0;
    QString action; // "armed_away", "disarmed", "wrong_code", "user_added", "sensor_changed"…
    QString by;
    QString detail; // one line for a person; never a code

    // {"id", "at", "action", "by" (null when nobody), "detail"}
    QJsonObject toJson() const;
};

#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

// One event in the guide's MQTT format, as a sensor publishes it:
// {"event_id", "device_id", "source", "type", "data", "timestamp"}.
// Only `type` is required when parsing (the bridge fills the rest in); every field that is
// present must have the right JSON type. A plain value type: no ownership, any thread.
struct SensorEvent
{
    QString eventId;  // empty when absent
    QString deviceId; // empty when absent
    QString source;   // empty when absent
    QString type;
    std::optional<QJsonObject> data;
    QJsonValue timestamp = QJsonValue::Undefined; // a JSON number, kept as received

    // Strict parse of a JSON object already read by JsonReader. On failure returns nullopt and
    // puts "field: what was wrong" in *error.
    static std::optional<SensorEvent> fromJson(const QJsonObject &object, QString *error);

    // The event as the agent publishes it (all fields present).
    QJsonObject toJson() const;
    QByteArray toBytes() const;

    // Seconds since the epoch with millisecond decimals, as the guide's `timestamp`.
    static QJsonValue timestampFromMsecs(qint64 msecsSinceEpoch);
};

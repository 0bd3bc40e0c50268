#include "sensorevent.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

// Reads an optional string member; false (with *error) when present but not a string.
bool readString(const QJsonObject &object, QLatin1StringView key, QString *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isString()) {
        *error = u"%1: expected a string"_s.arg(key);
        return false;
    }
    *out = value.toString();
    return true;
}

} // namespace

std::optional<SensorEvent> SensorEvent::fromJson(const QJsonObject &object, QString *error)
{
    SensorEvent event;
    if (!readString(object, "type"_L1, &event.type, error) ||
        !readString(object, "event_id"_L1, &event.eventId, error) ||
        !readString(object, "device_id"_L1, &event.deviceId, error) ||
        !readString(object, "source"_L1, &event.source, error))
        return std::nullopt;
    if (!object.contains("type"_L1)) {
        *error = u"type: missing"_s;
        return std::nullopt;
    }
    if (event.type.isEmpty()) {
        *error = u"type: must not be empty"_s;
        return std::nullopt;
    }
    const QJsonValue data = object.value("data"_L1);
    if (!data.isUndefined()) {
        if (!data.isObject()) {
            *error = u"data: expected an object"_s;
            return std::nullopt;
        }
        event.data = data.toObject();
    }
    const QJsonValue timestamp = object.value("timestamp"_L1);
    if (!timestamp.isUndefined() && !timestamp.isDouble()) {
        *error = u"timestamp: expected a number (Unix seconds)"_s;
        return std::nullopt;
    }
    event.timestamp = timestamp;
    return event;
}

QJsonObject SensorEvent::toJson() const
{
    return QJsonObject{
        {"event_id"_L1, eventId},
        {"device_id"_L1, deviceId},
        {"source"_L1, source},
        {"type"_L1, type},
        {"data"_L1, data.value_or(QJsonObject())},
        {"timestamp"_L1, timestamp},
    };
}

QByteArray SensorEvent::toBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

QJsonValue SensorEvent::timestampFromMsecs(qint64 msecsSinceEpoch)
{
    // Whole milliseconds divided by 1000 print as the shortest decimal: 1734567890.123.
    return QJsonValue(double(msecsSinceEpoch) / 1000.0);
}

#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// The guide's payloads, written once for every test: what a sensor publishes on MQTT and what
// the backend receives, plus small builders for bodies in the backend format.
namespace GuidePayloads {

// Test 1's payload, byte for byte as the guide types it after `mosquitto_pub -m`.
inline constexpr char Test1Sensor[] = R"({
    "event_id": "test-123",
    "device_id": "raspberry-1",
    "source": "sensor-motion",
    "type": "MOTION_DETECTED",
    "data": {"presence": true},
    "timestamp": 1234567890
  })";

// The payload of the guide's "Format de conversion" section.
inline constexpr char ConversionSensor[] = R"({
  "event_id": "abc-123",
  "device_id": "raspberry-1",
  "source": "sensor-motion",
  "type": "MOTION_DETECTED",
  "data": {
    "presence": true,
    "gpio_pin": 17
  },
  "timestamp": 1734567890.123
})";

// What the guide says the backend receives for it ("Format envoyé au backend").
inline constexpr char ConversionBackend[] = R"({
  "type": "motion_detected",
  "device_id": "raspberry-1",
  "details": {
    "event_id": "abc-123",
    "source": "sensor-motion",
    "data": {
      "presence": true,
      "gpio_pin": 17
    },
    "original_timestamp": 1734567890.123,
    "mqtt_topic": "sensor/motion"
  }
})";

// The guide's pressure sensor code, as a payload (converted to button_pressed by the bridge).
inline constexpr char PressureSensor[] =
    R"({"event_id": "mat-1", "device_id": "raspberry-1", "source": "sensor-pressure",
        "type": "PRESSURE_DETECTED", "data": {"pressure": "high", "duration_ms": 500},
        "timestamp": 1734567891.5})";

// A sensor's MQTT message in the guide's format, numbered by `eventId`: bulk events, and the
// marker a test sends last to see that nothing more arrives before it.
inline QByteArray sensorEvent(const QString &eventId,
                              const QString &type = QStringLiteral("MOTION_DETECTED"))
{
    const QJsonObject event{
        {QStringLiteral("event_id"), eventId},
        {QStringLiteral("device_id"), QStringLiteral("raspberry-1")},
        {QStringLiteral("source"), QStringLiteral("sensor-motion")},
        {QStringLiteral("type"), type},
        {QStringLiteral("data"),
         QJsonObject{{QStringLiteral("presence"), true}, {QStringLiteral("gpio_pin"), 17}}},
        {QStringLiteral("timestamp"), 1734567890.123},
    };
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

// "<prefix>-0" .. "<prefix>-<count - 1>".
inline QStringList eventIds(const QString &prefix, int count)
{
    QStringList ids;
    ids.reserve(count);
    for (int i = 0; i < count; ++i)
        ids.append(prefix + u'-' + QString::number(i));
    return ids;
}

inline QList<QByteArray> sensorEvents(const QString &prefix, int count)
{
    QList<QByteArray> events;
    events.reserve(count);
    const QStringList ids = eventIds(prefix, count);
    for (const QString &id : ids)
        events.append(sensorEvent(id));
    return events;
}

inline QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

// The backend example as an object, for posting it.
inline QJsonObject guideExample()
{
    return object(QByteArray(ConversionBackend));
}

inline QJsonObject make(const QString &type, const QString &deviceId, const QString &eventId = {},
                        const QString &source = QStringLiteral("sensor-motion"))
{
    QJsonObject details{{QStringLiteral("source"), source}};
    if (!eventId.isEmpty())
        details.insert(QStringLiteral("event_id"), eventId);
    return {{QStringLiteral("type"), type},
            {QStringLiteral("device_id"), deviceId},
            {QStringLiteral("details"), details}};
}

inline QByteArray bytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QByteArray bytes(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace GuidePayloads

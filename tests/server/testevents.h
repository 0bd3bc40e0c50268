#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

// Event bodies the server tests post, in the guide's backend format.
namespace TestEvents {

// The guide's "Format envoyé au backend" example, byte for byte in meaning.
inline QJsonObject guideExample()
{
    return QJsonDocument::fromJson(R"({"type": "motion_detected", "device_id": "raspberry-1",
        "details": {"event_id": "abc-123", "source": "sensor-motion",
                    "data": {"presence": true, "gpio_pin": 17},
                    "original_timestamp": 1734567890.123, "mqtt_topic": "sensor/motion"}})")
        .object();
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

} // namespace TestEvents

#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

// The guide's conversion, MQTT sensor event -> backend event, as a pure function of the payload,
// the topic and the receive time. Owns its TYPE_MAP; no I/O, any thread.
//
//   {"event_id","device_id","source","type","data","timestamp"} on topic T
//   -> {"type": map(type), "device_id", "details": {"event_id","source","data",
//                                                   "original_timestamp","mqtt_topic": T}}
class EventConverter
{
public:
    static constexpr qsizetype DefaultMaxPayload = 65536;
    static inline const QString DefaultTypeMap = QStringLiteral("PRESSURE_DETECTED=button_pressed");

    struct Result
    {
        std::optional<QJsonObject> event; // set on success
        QString error;                    // one line on failure
    };

    EventConverter();

    // Adds FROM=to pairs ("A=b,C=d") on top of the default map; a user entry for the same type
    // wins. Returns what is wrong with a malformed list, empty on success.
    QString addTypeMap(const QString &pairs);
    // The same check without changing anything, for the TYPE_MAP setting's validator.
    static QString typeMapProblem(const QString &pairs);
    void setDefaultDeviceId(const QString &deviceId) { m_defaultDeviceId = deviceId; }
    void setMaxPayload(qsizetype bytes) { m_maxPayload = bytes; }

    // `newEventId` is used when the payload has no event_id (a fresh UUID in production).
    Result convert(QByteArrayView payload, const QString &topic, double receivedAtSeconds,
                   const QString &newEventId) const;

    QString mapType(const QString &type) const;

private:
    QHash<QString, QString> m_typeMap;
    QString m_defaultDeviceId = QStringLiteral("unknown");
    qsizetype m_maxPayload = DefaultMaxPayload;
};

#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVariantMap>

#include <optional>

// One stored event as the server sends it ({"id", "type", "device_id", "details",
// "received_at", "alert"}), with the few derived texts the views show. A plain value.
struct DashboardEvent
{
    qint64 id = 0;
    QString type;
    QString deviceId;
    QString source; // details.source, empty when the event has none
    QDateTime receivedAt;
    bool alert = false;
    QJsonObject details;

    // Nullopt (and *error set) when the object lacks a positive id, a type or a device id.
    static std::optional<DashboardEvent> fromJson(const QJsonObject &object, QString *error);

    bool isStatus() const; // sensor_online / sensor_offline

    // Which icon the views draw: "motion", "button", "online", "offline" or "event".
    QString iconName() const;
    // The translated name of the type ("Motion detected"), the raw type when unknown.
    QString title() const;
    // A short line from details.data: "GPIO 17 · 500 ms".
    QString summary() const;
};

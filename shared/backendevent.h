#pragma once

#include <QJsonObject>
#include <QString>

// The backend's event format ({"type", "device_id", "details"}) and the one validation rule
// the server applies to it. The bridge runs the same rule before queueing, so an event the
// server would refuse never enters the outbox.
class BackendEvent
{
public:
    static constexpr int MaxTypeLength = 64;
    static constexpr int MaxDeviceIdLength = 128;
    // details.source names a row of GET /api/devices with device_id, so it is bounded alike.
    static constexpr int MaxSourceLength = 128;

    // Empty when valid, else "field: what was wrong" (e.g. "type: must match [a-z0-9_]{1,64}").
    static QString validate(const QJsonObject &event);

    // The compact JSON body that goes over the wire.
    static QByteArray toBytes(const QJsonObject &event);
};

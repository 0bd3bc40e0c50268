#pragma once

#include "sensorrole.h"

#include <QString>

#include <optional>

// What a person says about one sensor, the (device_id, source) row of GET /api/devices: its
// name (shown wherever the sensor is named) and its role for the alarm. A plain value.
struct DeviceLabel
{
    QString deviceId;
    QString source;                 // "" for the events without details.source
    std::optional<QString> name;    // nullopt: unnamed (or, in a change, leave it as it is)
    std::optional<SensorRole> role; // nullopt in a change: leave it as it is
};

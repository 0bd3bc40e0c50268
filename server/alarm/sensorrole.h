#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// What a sensor is for, set per device row (PUT /api/devices/{device_id}/{source}): whether its
// events act in a given alarm state is AlarmMachine::sensorActs, the contract's role table.
// Entry is the default of every row that never had a role set. A plain value; any thread.
enum class SensorRole { Entry, Interior, Instant, Always, Ignored };

// The roles' wire names: "entry", "interior", "instant", "always", "ignored".
struct SensorRoleName
{
    static QString of(SensorRole role);
    // Exact, case-sensitive names only; nullopt for anything else (the route answers 400).
    static std::optional<SensorRole> parse(const QString &name);
    // Every name, in the enum's order (for error messages and the clients' pickers).
    static QStringList all();
};

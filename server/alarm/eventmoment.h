#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// When an event happened, for judging it by the alarm state of that moment: the sensor's
// details.original_timestamp (Unix seconds, decimals allowed, or ISO 8601; a time without a zone
// is UTC) when it is a real time, not in the future and not older than the database; else its
// arrival. Plain functions of values; any thread.
class EventMoment
{
public:
    // Unix seconds (decimals allowed) or ISO 8601, as milliseconds; nullopt for anything else,
    // including numbers outside the years 1 to 9999 (which would not fit 64-bit milliseconds).
    static std::optional<qint64> parseText(const QString &text);
    static std::optional<qint64> parse(const QJsonValue &value);

    static qint64 happenedAtMs(const QJsonObject &details, qint64 receivedAtMs,
                               qint64 databaseCreatedAtMs);
};

#include "eventmoment.h"

#include "utctime.h"

#include <QDateTime>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace {

// The years 1 to 9999, as ISO 8601 allows. Anything beyond (1e300, inf, nan) would not fit
// milliseconds in 64 bits, and the conversion would be undefined.
constexpr double MinSeconds = -62135596800.0;
constexpr double MaxSeconds = 253402300799.0;

std::optional<qint64> fromSeconds(double seconds)
{
    // NaN fails both comparisons.
    if (!(seconds >= MinSeconds && seconds <= MaxSeconds))
        return std::nullopt;
    return qint64(seconds * 1000.0);
}

} // namespace

std::optional<qint64> EventMoment::parseText(const QString &text)
{
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (isNumber)
        return fromSeconds(seconds);
    return UtcTime::parseIsoMSecs(text);
}

std::optional<qint64> EventMoment::parse(const QJsonValue &value)
{
    if (value.isDouble())
        return fromSeconds(value.toDouble());
    if (value.isString())
        return parseText(value.toString());
    return std::nullopt;
}

qint64 EventMoment::happenedAtMs(const QJsonObject &details, qint64 receivedAtMs,
                                 qint64 databaseCreatedAtMs)
{
    const std::optional<qint64> original = parse(details.value("original_timestamp"_L1));
    if (!original || *original > receivedAtMs || *original < databaseCreatedAtMs)
        return receivedAtMs;
    return *original;
}

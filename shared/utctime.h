#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

// UTC times for the wire format, the same on Qt 6.4 and 6.8: 6.8 deprecates the Qt::TimeSpec
// arguments 6.4 needs, and 6.4 has no lightweight QTimeZone::UTC, whose times print as "...Z".
// Every conversion between milliseconds, text and UTC goes through here.
namespace UtcTime {

// 2026-11-23T22:47:11.123Z
QString isoFromMSecs(qint64 msecsSinceEpoch);
QDateTime fromMSecs(qint64 msecsSinceEpoch);
QDateTime fromDateTime(QDate date, QTime time);
// A time parsed from text that named no zone (local time to Qt) taken as UTC instead.
QDateTime assumedUtc(const QDateTime &parsed);
// ISO 8601 with or without milliseconds, a time without a zone taken as UTC, as milliseconds
// since the epoch; nullopt when the text is not such a time.
std::optional<qint64> parseIsoMSecs(const QString &text);

} // namespace UtcTime

#include "utctime.h"

#include <QTimeZone>
#include <QtGlobal>

namespace {

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
const QTimeZone Utc(QTimeZone::UTC);
#else
constexpr Qt::TimeSpec Utc = Qt::UTC;
#endif

} // namespace

QString UtcTime::isoFromMSecs(qint64 msecsSinceEpoch)
{
    return fromMSecs(msecsSinceEpoch).toString(Qt::ISODateWithMs);
}

QDateTime UtcTime::fromMSecs(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Utc);
}

QDateTime UtcTime::fromDateTime(QDate date, QTime time)
{
    return QDateTime(date, time, Utc);
}

QDateTime UtcTime::assumedUtc(const QDateTime &parsed)
{
    if (parsed.timeSpec() != Qt::LocalTime)
        return parsed;
    return fromDateTime(parsed.date(), parsed.time());
}

std::optional<qint64> UtcTime::parseIsoMSecs(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    return assumedUtc(time).toMSecsSinceEpoch();
}

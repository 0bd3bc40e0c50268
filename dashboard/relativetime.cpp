#include "relativetime.h"

#include <QCoreApplication>
#include <QLocale>

namespace RelativeTime {

QString format(const QDateTime &then, const QDateTime &now)
{
    if (!then.isValid())
        return {};
    const qint64 seconds = then.secsTo(now);
    // A clock a little ahead of ours still reads as "just now" rather than as the future.
    if (seconds < 45)
        return QCoreApplication::translate("RelativeTime", "just now");
    const qint64 minutes = (seconds + 30) / 60;
    if (minutes < 60)
        return QCoreApplication::translate("RelativeTime", "%n min ago", nullptr, int(minutes));
    const qint64 hours = (minutes + 30) / 60;
    if (hours < 24)
        return QCoreApplication::translate("RelativeTime", "%n h ago", nullptr, int(hours));
    const QDateTime local = then.toLocalTime();
    return QLocale().toString(local, QLocale::ShortFormat);
}

Clock systemClock()
{
    return [] { return QDateTime::currentDateTimeUtc(); };
}

} // namespace RelativeTime

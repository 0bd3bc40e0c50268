#include "storedevent.h"

#include "utctime.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

QJsonObject StoredEvent::toJson() const
{
    QJsonObject json{
        {u"id"_s, id},
        {u"type"_s, type},
        {u"device_id"_s, deviceId},
        {u"details"_s, details},
        {u"received_at"_s, formatTime(receivedAtMs)},
        {u"alert"_s, alert},
    };
    if (late)
        json.insert(u"late"_s, true);
    return json;
}

QString StoredEvent::formatTime(qint64 msecsSinceEpoch)
{
    return UtcTime::isoFromMSecs(msecsSinceEpoch);
}

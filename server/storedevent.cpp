#include "storedevent.h"

#include <QDateTime>

QJsonObject StoredEvent::toJson() const
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("type"), type},
        {QStringLiteral("device_id"), deviceId},
        {QStringLiteral("details"), details},
        {QStringLiteral("received_at"), formatTime(receivedAtMs)},
        {QStringLiteral("alert"), alert},
    };
}

QString StoredEvent::formatTime(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

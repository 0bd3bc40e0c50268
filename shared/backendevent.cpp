#include "backendevent.h"

#include <QJsonDocument>
#include <QRegularExpression>

QString BackendEvent::validate(const QJsonObject &event)
{
    static const QRegularExpression typePattern(QStringLiteral("^[a-z0-9_]{1,64}$"));
    const QJsonValue type = event.value(QLatin1StringView("type"));
    if (type.isUndefined())
        return QStringLiteral("type: missing");
    if (!type.isString())
        return QStringLiteral("type: expected a string");
    if (!typePattern.match(type.toString()).hasMatch())
        return QStringLiteral("type: must match [a-z0-9_]{1,64}");

    const QJsonValue deviceId = event.value(QLatin1StringView("device_id"));
    if (deviceId.isUndefined())
        return QStringLiteral("device_id: missing");
    if (!deviceId.isString())
        return QStringLiteral("device_id: expected a string");
    const qsizetype length = deviceId.toString().size();
    if (length < 1 || length > MaxDeviceIdLength)
        return QStringLiteral("device_id: must be 1 to %1 characters").arg(MaxDeviceIdLength);

    const QJsonValue details = event.value(QLatin1StringView("details"));
    if (!details.isUndefined() && !details.isObject())
        return QStringLiteral("details: expected an object");
    return {};
}

QByteArray BackendEvent::toBytes(const QJsonObject &event)
{
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

#include "backendevent.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

QString BackendEvent::validate(const QJsonObject &event)
{
    static const QRegularExpression typePattern(u"^[a-z0-9_]{1,64}$"_s);
    const QJsonValue type = event.value("type"_L1);
    if (type.isUndefined())
        return u"type: missing"_s;
    if (!type.isString())
        return u"type: expected a string"_s;
    if (!typePattern.match(type.toString()).hasMatch())
        return u"type: must match [a-z0-9_]{1,64}"_s;

    const QJsonValue deviceId = event.value("device_id"_L1);
    if (deviceId.isUndefined())
        return u"device_id: missing"_s;
    if (!deviceId.isString())
        return u"device_id: expected a string"_s;
    const qsizetype length = deviceId.toString().size();
    if (length < 1 || length > MaxDeviceIdLength)
        return u"device_id: must be 1 to %1 characters"_s.arg(MaxDeviceIdLength);

    const QJsonValue details = event.value("details"_L1);
    if (!details.isUndefined() && !details.isObject())
        return u"details: expected an object"_s;
    const QJsonValue source = details.toObject().value("source"_L1);
    if (source.isString() && source.toString().size() > MaxSourceLength)
        return u"details.source: must be at most %1 characters"_s.arg(MaxSourceLength);
    return {};
}

QByteArray BackendEvent::toBytes(const QJsonObject &event)
{
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

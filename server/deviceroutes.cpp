#include "deviceroutes.h"

#include "eventstore.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDevices, "vigil.server.devices")

std::optional<HttpReply> DeviceRoutes::handle(const QHttpServerRequest &request,
                                              const QString &path)
{
    if (path != u"/api/devices")
        return std::nullopt;
    if (request.method() != QHttpServerRequest::Method::Get)
        return HttpReply::methodNotAllowed("GET"_ba);
    QString error;
    const auto devices = m_context.store->devices(MaxDevices, &error);
    if (!devices) {
        qCWarning(lcDevices) << "store failed:" << error;
        return HttpReply::error(503, u"storage unavailable, try again"_s);
    }
    QJsonArray rows;
    for (const DeviceStatus &device : *devices) {
        rows.append(QJsonObject{
            {u"device_id"_s, device.deviceId},
            {u"source"_s,
             device.source.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(device.source)},
            {u"online"_s,
             device.online ? QJsonValue(*device.online) : QJsonValue(QJsonValue::Null)},
            {u"last_seen"_s, StoredEvent::formatTime(device.lastSeenMs)},
            {u"last_type"_s, device.lastType.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                       : QJsonValue(device.lastType)},
        });
    }
    return HttpReply::json(200, rows);
}

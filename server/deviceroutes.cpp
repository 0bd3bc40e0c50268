#include "deviceroutes.h"

#include "eventstore.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDevices, "vigil.server.devices")

std::optional<HttpReply> DeviceRoutes::handle(const QHttpServerRequest &request,
                                              const QString &path)
{
    if (path != u"/api/devices")
        return std::nullopt;
    if (request.method() != QHttpServerRequest::Method::Get)
        return HttpReply::methodNotAllowed(QByteArrayLiteral("GET"));
    QString error;
    const auto devices = m_context.store->devices(&error);
    if (!devices) {
        qCWarning(lcDevices) << "store failed:" << error;
        return HttpReply::error(503, QStringLiteral("storage unavailable, try again"));
    }
    QJsonArray rows;
    for (const DeviceStatus &device : *devices) {
        rows.append(QJsonObject{
            {QStringLiteral("device_id"), device.deviceId},
            {QStringLiteral("source"),
             device.source.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(device.source)},
            {QStringLiteral("online"),
             device.online ? QJsonValue(*device.online) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("last_seen"), StoredEvent::formatTime(device.lastSeenMs)},
            {QStringLiteral("last_type"), device.lastType.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                    : QJsonValue(device.lastType)},
        });
    }
    return HttpReply::json(200, rows);
}

#include "deviceroutes.h"

#include "alarmservice.h"
#include "alarmstore.h"
#include "codegate.h"
#include "eventstore.h"
#include "jsonreader.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDevices, "vigil.server.devices")

namespace {

const QString DevicesPath = u"/api/devices"_s;

HttpReply storeFailure(const QString &error)
{
    qCWarning(lcDevices) << "store failed:" << error;
    return HttpReply::error(503, u"storage unavailable, try again"_s);
}

QJsonObject rowJson(const DeviceStatus &device)
{
    return QJsonObject{
        {u"device_id"_s, device.deviceId},
        {u"source"_s,
         device.source.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(device.source)},
        {u"online"_s, device.online ? QJsonValue(*device.online) : QJsonValue(QJsonValue::Null)},
        {u"last_seen"_s, StoredEvent::formatTime(device.lastSeenMs)},
        {u"last_type"_s,
         device.lastType.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(device.lastType)},
        {u"name"_s, device.name.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(device.name)},
        {u"role"_s, device.role},
    };
}

} // namespace

std::optional<HttpReply> DeviceRoutes::handle(const QHttpServerRequest &request,
                                              const QString &path)
{
    if (path == DevicesPath) {
        if (request.method() != QHttpServerRequest::Method::Get)
            return HttpReply::methodNotAllowed("GET"_ba);
        return list();
    }
    if (!path.startsWith(DevicesPath + u'/'))
        return std::nullopt;
    if (request.method() != QHttpServerRequest::Method::Put)
        return HttpReply::methodNotAllowed("PUT"_ba);
    return label(request);
}

HttpReply DeviceRoutes::list()
{
    QString error;
    const auto devices = m_context.store->devices(MaxDevices, &error);
    if (!devices)
        return storeFailure(error);
    QJsonArray rows;
    for (const DeviceStatus &device : *devices)
        rows.append(rowJson(device));
    return HttpReply::json(200, rows);
}

HttpReply DeviceRoutes::label(const QHttpServerRequest &request)
{
    // Split the encoded path, so that a device_id or source holding "%2F" stays one part.
    const QStringList parts =
        request.url().path(QUrl::FullyEncoded).mid(DevicesPath.size() + 1).split(u'/');
    if (parts.size() != 2)
        return HttpReply::error(404, u"expected /api/devices/{device_id}/{source}"_s);
    DeviceLabel change{QUrl::fromPercentEncoding(parts.at(0).toUtf8()),
                       QUrl::fromPercentEncoding(parts.at(1).toUtf8()), std::nullopt, std::nullopt};
    QString error;
    // 404 comes first: an unknown pair is told so whatever the body says.
    const auto devices = m_context.store->devices(MaxDevices, &error);
    if (!devices)
        return storeFailure(error);
    const auto row = std::find_if(devices->cbegin(), devices->cend(), [&](const auto &device) {
        return device.deviceId == change.deviceId && device.source == change.source;
    });
    if (row == devices->cend())
        return HttpReply::error(404, u"no sensor %1/%2"_s.arg(change.deviceId, change.source));
    const auto object = JsonReader::readObject(request.body(), &error,
                                               {m_context.maxBody, JsonReader::DefaultMaxDepth});
    if (!object)
        return HttpReply::error(400, u"body: "_s + error);
    const QJsonValue name = object->value("name"_L1);
    if (!name.isUndefined()) {
        if (!name.isString() && !name.isNull())
            return HttpReply::error(400, u"name: expected a string or null"_s);
        if (name.toString().size() > MaxNameLength)
            return HttpReply::error(400, u"name: at most %1 characters"_s.arg(MaxNameLength));
        change.name = name.toString().trimmed();
    }
    const QJsonValue role = object->value("role"_L1);
    if (!role.isUndefined()) {
        change.role = SensorRoleName::parse(role.toString());
        if (!change.role)
            return HttpReply::error(400, u"role: expected one of "_s +
                                             SensorRoleName::all().join(u", "_s));
    }
    AlarmStore *store = m_context.alarmStore;
    AlarmService *alarm = m_context.alarm;
    return m_context.codes->guard(
        object->value("code"_L1), true, u"sensor_changed"_s,
        [store, alarm, change, device = *row](const QString &user) {
            QString failure;
            QStringList what;
            if (change.name)
                what << u"name \"%1\""_s.arg(*change.name);
            if (change.role)
                what << u"role %1"_s.arg(SensorRoleName::of(*change.role));
            const AuditEntry audit{
                0, QDateTime::currentMSecsSinceEpoch(), u"sensor_changed"_s, user,
                u"%1/%2: %3"_s.arg(change.deviceId, change.source, what.join(u", "_s))};
            const auto found = store->labelDevice(change, audit, &failure);
            if (!found)
                return storeFailure(failure);
            if (!*found)
                return HttpReply::error(404,
                                        u"no sensor %1/%2"_s.arg(change.deviceId, change.source));
            alarm->relabel(change);
            DeviceStatus changed = device;
            if (change.name)
                changed.name = *change.name;
            if (change.role)
                changed.role = SensorRoleName::of(*change.role);
            return HttpReply::json(200, rowJson(changed));
        });
}

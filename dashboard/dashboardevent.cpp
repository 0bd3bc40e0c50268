#include "dashboardevent.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

QString valueText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

} // namespace

std::optional<DashboardEvent> DashboardEvent::fromJson(const QJsonObject &object, QString *error)
{
    DashboardEvent event;
    event.id = object.value("id"_L1).toInteger();
    event.type = object.value("type"_L1).toString();
    event.deviceId = object.value("device_id"_L1).toString();
    if (event.id <= 0 || event.type.isEmpty() || event.deviceId.isEmpty()) {
        if (error)
            *error = u"event without a positive id, a type and a device_id"_s;
        return std::nullopt;
    }
    event.details = object.value("details"_L1).toObject();
    event.source = event.details.value("source"_L1).toString();
    event.receivedAt =
        QDateTime::fromString(object.value("received_at"_L1).toString(), Qt::ISODateWithMs);
    event.alert = object.value("alert"_L1).toBool();
    return event;
}

bool DashboardEvent::isStatus() const
{
    return type == "sensor_online"_L1 || type == "sensor_offline"_L1;
}

QString DashboardEvent::iconName() const
{
    if (type == "motion_detected"_L1)
        return u"motion"_s;
    if (type == "button_pressed"_L1 || type == "pressure_detected"_L1)
        return u"button"_s;
    if (type == "sensor_online"_L1)
        return u"online"_s;
    if (type == "sensor_offline"_L1)
        return u"offline"_s;
    return u"event"_s;
}

QString DashboardEvent::title() const
{
    if (type == "motion_detected"_L1)
        return QCoreApplication::translate("DashboardEvent", "Motion detected");
    if (type == "button_pressed"_L1 || type == "pressure_detected"_L1)
        return QCoreApplication::translate("DashboardEvent", "Pressure detected");
    if (type == "sensor_online"_L1)
        return QCoreApplication::translate("DashboardEvent", "Sensor online");
    if (type == "sensor_offline"_L1)
        return QCoreApplication::translate("DashboardEvent", "Sensor offline");
    return type;
}

QString DashboardEvent::summary() const
{
    const QJsonObject data = details.value("data"_L1).toObject();
    QStringList parts;
    for (auto it = data.begin(); it != data.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (key == "gpio_pin"_L1)
            parts << u"GPIO "_s + QString::number(value.toInteger());
        else if (key == "duration_ms"_L1)
            parts << QString::number(value.toInteger()) + u" ms"_s;
        else if (key == "presence"_L1)
            continue; // always true on a motion event: says nothing the title does not
        else
            parts << key + u": "_s + valueText(value);
    }
    return parts.join(u" · "_s);
}

#include "devicelistmodel.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

DeviceListModel::DeviceListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_timeTicker.setInterval(30s);
    connect(&m_timeTicker, &QTimer::timeout, this, &DeviceListModel::refreshTimes);
    m_timeTicker.start();
}

int DeviceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_devices.size());
}

QVariant DeviceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Device &device = m_devices.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DeviceIdRole:
        return device.deviceId;
    case SourceRole:
        return device.source;
    case StatusRole:
        return device.state;
    case LastSeenRole:
        return device.lastSeen;
    case LastSeenTextRole:
        return RelativeTime::format(device.lastSeen, m_clock());
    case LastTypeRole:
        return device.lastType;
    case NameRole:
        return device.name;
    case DisplayNameRole:
        return device.name.isEmpty() ? device.deviceId : device.name;
    case SensorRoleRole:
        return device.role;
    case SensorRoleTextRole:
        return roleText(device.role);
    }
    return {};
}

QHash<int, QByteArray> DeviceListModel::roleNames() const
{
    return {
        {DeviceIdRole, "deviceId"},
        {SourceRole, "source"},
        {StatusRole, "status"},
        {LastSeenRole, "lastSeen"},
        {LastSeenTextRole, "lastSeenText"},
        {LastTypeRole, "lastType"},
        {NameRole, "name"},
        {DisplayNameRole, "displayName"},
        {SensorRoleRole, "sensorRole"},
        {SensorRoleTextRole, "sensorRoleText"},
    };
}

int DeviceListModel::onlineCount() const
{
    return int(std::count_if(m_devices.cbegin(), m_devices.cend(),
                             [](const Device &d) { return d.state == "online"_L1; }));
}

void DeviceListModel::setClock(RelativeTime::Clock clock)
{
    m_clock = std::move(clock);
    refreshTimes();
}

void DeviceListModel::setDevices(const QJsonArray &devices)
{
    QList<Device> rows;
    for (const auto &value : devices) {
        const QJsonObject object = value.toObject();
        Device device;
        device.deviceId = object.value("device_id"_L1).toString();
        if (device.deviceId.isEmpty())
            continue;
        device.source = object.value("source"_L1).toString();
        const QJsonValue online = object.value("online"_L1);
        device.state =
            online.isBool() ? (online.toBool() ? u"online"_s : u"offline"_s) : u"unknown"_s;
        device.lastSeen =
            QDateTime::fromString(object.value("last_seen"_L1).toString(), Qt::ISODateWithMs);
        device.lastType = object.value("last_type"_L1).toString();
        // Both null or absent on a server from before the alarm.
        device.name = object.value("name"_L1).toString().trimmed();
        device.role = object.value("role"_L1).toString();
        rows.append(device);
    }
    std::sort(rows.begin(), rows.end(), [](const Device &a, const Device &b) {
        return std::tie(a.deviceId, a.source) < std::tie(b.deviceId, b.source);
    });

    const int before = onlineCount();
    const bool sameRows = rows.size() == m_devices.size() &&
                          std::equal(rows.cbegin(), rows.cend(), m_devices.cbegin(),
                                     [](const Device &a, const Device &b) {
                                         return a.deviceId == b.deviceId && a.source == b.source;
                                     });
    if (sameRows) {
        // Same sensors: update in place so that views keep their position.
        m_devices = rows;
        if (!m_devices.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_devices.size()) - 1));
    } else {
        beginResetModel();
        m_devices = rows;
        endResetModel();
        Q_EMIT countChanged();
    }
    if (onlineCount() != before)
        Q_EMIT onlineCountChanged();
}

bool DeviceListModel::applyEvent(const DashboardEvent &event)
{
    const auto it = std::find_if(m_devices.begin(), m_devices.end(), [&](const Device &d) {
        return d.deviceId == event.deviceId && d.source == event.source;
    });
    if (it == m_devices.end())
        return false;
    // A caught-up event older than what the row shows must not turn the state back.
    if (event.receivedAt < it->lastSeen)
        return true;
    const int before = onlineCount();
    it->lastSeen = event.receivedAt;
    if (event.type == "sensor_online"_L1)
        it->state = u"online"_s;
    else if (event.type == "sensor_offline"_L1)
        it->state = u"offline"_s;
    else
        it->lastType = event.type;
    const QModelIndex changed = index(int(it - m_devices.begin()));
    Q_EMIT dataChanged(changed, changed);
    if (onlineCount() != before)
        Q_EMIT onlineCountChanged();
    return true;
}

QString DeviceListModel::labelOf(const QString &deviceId, const QString &source) const
{
    for (const Device &device : m_devices) {
        if (device.deviceId == deviceId && device.source == source && !device.name.isEmpty())
            return device.name;
    }
    return {};
}

QString DeviceListModel::roleText(const QString &role)
{
    if (role == "entry"_L1)
        return QCoreApplication::translate("DeviceListModel", "entry/exit");
    if (role == "interior"_L1)
        return QCoreApplication::translate("DeviceListModel", "interior");
    if (role == "instant"_L1)
        return QCoreApplication::translate("DeviceListModel", "instant");
    if (role == "always"_L1)
        return QCoreApplication::translate("DeviceListModel", "24 h");
    if (role == "ignored"_L1)
        return QCoreApplication::translate("DeviceListModel", "ignored");
    return role;
}

void DeviceListModel::refreshTimes()
{
    if (!m_devices.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_devices.size()) - 1), {LastSeenTextRole});
}

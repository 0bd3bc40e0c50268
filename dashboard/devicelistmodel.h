#pragma once

#include "dashboardevent.h"
#include "relativetime.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

// The sensors the server knows, one row per (device_id, source) as GET /api/devices returns
// them (with the alarm's "name" and "role" when the server has them), kept live between two
// fetches by the events that arrive. Owned by ServerConnection; GUI thread.
class DeviceListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("DeviceListModel belongs to a ServerConnection")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int onlineCount READ onlineCount NOTIFY onlineCountChanged)
public:
    enum Role {
        DeviceIdRole = Qt::UserRole + 1,
        SourceRole,
        StatusRole, // "online", "offline" or "unknown" (no status event ever seen)
        LastSeenRole,
        LastSeenTextRole,
        LastTypeRole,
        NameRole,           // the name given on the server, empty when none
        DisplayNameRole,    // the name, else the device_id
        SensorRoleRole,     // the alarm role: "entry", "interior", "instant", "always", "ignored"
        SensorRoleTextRole, // that role, translated; empty when the server has no roles
    };
    Q_ENUM(Role)

    explicit DeviceListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_devices.size()); }
    int onlineCount() const;
    void setClock(RelativeTime::Clock clock);

    // Replaces the rows with the server's list; rows without a device_id are skipped.
    void setDevices(const QJsonArray &devices);
    // Applies a new event to its row. False when no row matches (the caller refetches).
    bool applyEvent(const DashboardEvent &event);
    void refreshTimes();
    // The name given to the sensor on the server; empty when it has none or is unknown.
    QString labelOf(const QString &deviceId, const QString &source) const;
    static QString roleText(const QString &role);

Q_SIGNALS:
    void countChanged();
    void onlineCountChanged();

private:
    struct Device
    {
        QString deviceId;
        QString source;
        QString state;
        QDateTime lastSeen;
        QString lastType;
        QString name;
        QString role;
    };

    QList<Device> m_devices;
    RelativeTime::Clock m_clock = RelativeTime::systemClock();
    QTimer m_timeTicker;
};

#include "sqlitedevicetable.h"

#include <QHash>
#include <QSqlError>

using namespace Qt::StringLiterals;

QString SqliteDeviceTable::upsertSql()
{
    return u"INSERT INTO devices(device_id, source, online, last_seen, last_type)"
           " VALUES (?, ?, ?, ?, ?) ON CONFLICT(device_id, source) DO UPDATE SET"
           " online = COALESCE(excluded.online, devices.online),"
           " last_seen = excluded.last_seen,"
           " last_type = COALESCE(excluded.last_type, devices.last_type)"_s;
}

QString SqliteDeviceTable::selectSql()
{
    return u"SELECT device_id, source, online, last_seen, last_type, name, role FROM devices"
           " ORDER BY device_id, source LIMIT ?"_s;
}

// One upsert per (device_id, source) touched by the request, not per event: within a request
// the later event wins, which is what a row of "latest" values means.
bool SqliteDeviceTable::update(QSqlQuery &upsert, const QList<NewEvent> &events,
                               const QList<InsertOutcome> &outcomes, qint64 receivedAtMs,
                               QString *error)
{
    struct Update
    {
        QVariant online;   // NULL: no status event in this request
        QVariant lastType; // NULL: only status events in this request
    };
    QHash<QPair<QString, QString>, Update> updates;
    QList<QPair<QString, QString>> order;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (outcomes.at(i).duplicate)
            continue;
        const NewEvent &event = events.at(i);
        // An event without details.source is the device's "" row, never NULL (a key column).
        QString source = event.details.value("source"_L1).toString();
        if (source.isNull())
            source = u""_s;
        const QPair<QString, QString> key{event.deviceId, source};
        auto it = updates.find(key);
        if (it == updates.end()) {
            it = updates.insert(key, {QVariant(QMetaType::fromType<int>()),
                                      QVariant(QMetaType::fromType<QString>())});
            order.append(key);
        }
        if (event.type == u"sensor_online")
            it->online = 1;
        else if (event.type == u"sensor_offline")
            it->online = 0;
        else
            it->lastType = event.type;
    }
    for (const auto &key : std::as_const(order)) {
        const Update &update = updates.value(key);
        upsert.bindValue(0, key.first);
        upsert.bindValue(1, key.second);
        upsert.bindValue(2, update.online);
        upsert.bindValue(3, receivedAtMs);
        upsert.bindValue(4, update.lastType);
        if (!upsert.exec()) {
            *error = upsert.lastError().text();
            return false;
        }
    }
    return true;
}

std::optional<QList<DeviceStatus>> SqliteDeviceTable::read(QSqlQuery &select, int limit,
                                                           QString *error)
{
    select.bindValue(0, limit);
    if (!select.exec()) {
        *error = select.lastError().text();
        return std::nullopt;
    }
    QList<DeviceStatus> rows;
    while (select.next()) {
        DeviceStatus row;
        row.deviceId = select.value(0).toString();
        row.source = select.value(1).toString();
        if (!select.value(2).isNull())
            row.online = select.value(2).toInt() != 0;
        row.lastSeenMs = select.value(3).toLongLong();
        row.lastType = select.value(4).toString();
        row.name = select.value(5).toString();
        row.role = select.value(6).toString();
        rows.append(row);
    }
    select.finish();
    return rows;
}

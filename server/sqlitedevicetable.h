#pragma once

#include "eventstore.h"

#include <QSqlQuery>

// The `devices` table of SqliteEventStore: one row per (device_id, source) with the latest
// online state, time and type, kept up to date inside each insert's transaction so that
// GET /api/devices never scans the events. Stateless: the store owns the prepared statements.
class SqliteDeviceTable
{
public:
    static QString upsertSql();
    static QString selectSql();

    // Applies the stored (non-duplicate) events of one request, all at `receivedAtMs`.
    static bool update(QSqlQuery &upsert, const QList<NewEvent> &events,
                       const QList<InsertOutcome> &outcomes, qint64 receivedAtMs, QString *error);
    static std::optional<QList<DeviceStatus>> read(QSqlQuery &select, int limit, QString *error);
};

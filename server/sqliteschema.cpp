#include "sqliteschema.h"

#include "eventidkey.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

bool execAll(QSqlDatabase &database, const QStringList &statements, QString *error)
{
    QSqlQuery query(database);
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            *error = query.lastError().text();
            return false;
        }
    }
    return true;
}

// Version 1: events with the columns the filters need, a unique event_id (NULL when the event
// had none: SQLite's unique index lets NULLs repeat, so those are never de-duplicated), the
// devices summary kept up to date on insert (so GET /api/devices never scans the events), and
// the key/value state (mode, creation time).
bool migrateTo1(QSqlDatabase &database, qint64 nowMs, QString *error)
{
    const QString now = QString::number(nowMs);
    return execAll(database,
                   {u"CREATE TABLE events ("
                    " id INTEGER PRIMARY KEY,"
                    " type TEXT NOT NULL,"
                    " device_id TEXT NOT NULL,"
                    " event_id TEXT,"
                    " details TEXT NOT NULL,"
                    " received_at INTEGER NOT NULL,"
                    " alert INTEGER NOT NULL DEFAULT 0)"_s,
                    u"CREATE UNIQUE INDEX events_by_event_id ON events(event_id)"_s,
                    u"CREATE INDEX events_by_type ON events(type, id)"_s,
                    u"CREATE INDEX events_by_device ON events(device_id, id)"_s,
                    u"CREATE INDEX events_by_received_at ON events(received_at)"_s,
                    u"CREATE TABLE devices ("
                    " device_id TEXT NOT NULL,"
                    " source TEXT NOT NULL,"
                    " online INTEGER,"
                    " last_seen INTEGER NOT NULL,"
                    " last_type TEXT,"
                    " PRIMARY KEY (device_id, source))"_s,
                    u"CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
                    u"INSERT INTO state(key, value) VALUES ('created_at', '%1'),"
                    " ('mode', 'active'), ('mode_changed_at', '%1')"_s.arg(now)},
                   error);
}

// Version 2: event_id keeps its JSON type (EventIdKey): version 1's TEXT column made the number
// 5 and the string "5" one key, and an empty string or an object a key at all. The column loses
// its affinity, which SQLite only allows by rebuilding the table; each key is computed again from
// the stored details, by the same code as new events' keys.
bool migrateTo2(QSqlDatabase &database, qint64, QString *error)
{
    if (!execAll(database,
                 {u"CREATE TABLE events_typed ("
                  " id INTEGER PRIMARY KEY,"
                  " type TEXT NOT NULL,"
                  " device_id TEXT NOT NULL,"
                  " event_id BLOB,"
                  " details TEXT NOT NULL,"
                  " received_at INTEGER NOT NULL,"
                  " alert INTEGER NOT NULL DEFAULT 0)"_s,
                  u"INSERT INTO events_typed(id, type, device_id, event_id, details, received_at,"
                  " alert) SELECT id, type, device_id, NULL, details, received_at, alert"
                  " FROM events"_s},
                 error))
        return false;
    QSqlQuery rows(database);
    rows.setForwardOnly(true);
    QSqlQuery update(database);
    if (!rows.exec(u"SELECT id, details FROM events WHERE event_id IS NOT NULL"_s) ||
        !update.prepare(u"UPDATE events_typed SET event_id = ? WHERE id = ?"_s)) {
        *error = rows.lastError().isValid() ? rows.lastError().text() : update.lastError().text();
        return false;
    }
    while (rows.next()) {
        const QVariant key =
            EventIdKey::of(QJsonDocument::fromJson(rows.value(1).toByteArray()).object());
        if (key.isNull())
            continue;
        update.bindValue(0, key);
        update.bindValue(1, rows.value(0));
        if (!update.exec()) {
            *error = update.lastError().text();
            return false;
        }
    }
    rows.finish();
    return execAll(database,
                   {u"DROP TABLE events"_s, u"ALTER TABLE events_typed RENAME TO events"_s,
                    u"CREATE UNIQUE INDEX events_by_event_id ON events(event_id)"_s,
                    u"CREATE INDEX events_by_type ON events(type, id)"_s,
                    u"CREATE INDEX events_by_device ON events(device_id, id)"_s,
                    u"CREATE INDEX events_by_received_at ON events(received_at)"_s},
                   error);
}

// Version 3: the alarm. Device rows gain a name and a role; events a `late` flag; the alarm's
// status is one JSON value in `state` (written with each change, in the same transaction);
// alarm_history keeps every state with its start, so that an event is judged by the state at
// the moment it happened; users hold their codes' Argon2id hashes; the audit log is never
// pruned. The history starts with the guide's mode as it was (surveillance was an arm away).
bool migrateTo3(QSqlDatabase &database, qint64 nowMs, QString *error)
{
    return execAll(database,
                   {u"ALTER TABLE devices ADD COLUMN name TEXT"_s,
                    u"ALTER TABLE devices ADD COLUMN role TEXT NOT NULL DEFAULT 'entry'"_s,
                    u"ALTER TABLE events ADD COLUMN late INTEGER NOT NULL DEFAULT 0"_s,
                    u"CREATE TABLE alarm_history ("
                    " id INTEGER PRIMARY KEY,"
                    " at INTEGER NOT NULL,"
                    " state TEXT NOT NULL,"
                    " armed_mode TEXT)"_s,
                    u"CREATE INDEX alarm_history_by_at ON alarm_history(at, id)"_s,
                    u"INSERT INTO alarm_history(at, state, armed_mode)"
                    " SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM state"
                    "   WHERE key = 'mode_changed_at'), %1),"
                    " CASE mode.value WHEN 'surveillance' THEN 'armed_away' ELSE 'disarmed' END,"
                    " CASE mode.value WHEN 'surveillance' THEN 'armed_away' END"
                    " FROM (SELECT COALESCE((SELECT value FROM state WHERE key = 'mode'), 'active')"
                    "   AS value) AS mode"_s.arg(nowMs),
                    u"CREATE TABLE users ("
                    " name TEXT PRIMARY KEY,"
                    " code_hash TEXT NOT NULL,"
                    " created_at INTEGER NOT NULL)"_s,
                    u"CREATE TABLE audit ("
                    " id INTEGER PRIMARY KEY,"
                    " at INTEGER NOT NULL,"
                    " action TEXT NOT NULL,"
                    " by TEXT,"
                    " detail TEXT NOT NULL DEFAULT '')"_s},
                   error);
}

} // namespace

int SqliteSchema::version(QSqlDatabase &database, QString *error)
{
    QSqlQuery query(database);
    if (!query.exec(u"CREATE TABLE IF NOT EXISTS schema_version"
                    " (version INTEGER NOT NULL)"_s) ||
        !query.exec(u"SELECT MAX(version) FROM schema_version"_s)) {
        *error = query.lastError().text();
        return -1;
    }
    return query.next() ? query.value(0).toInt() : 0;
}

bool SqliteSchema::migrate(QSqlDatabase &database, qint64 nowMs, QString *error)
{
    const int found = version(database, error);
    if (found < 0)
        return false;
    if (found > CurrentVersion) {
        *error = u"the database has schema version %1, newer than this build's %2"_s.arg(found).arg(
            CurrentVersion);
        return false;
    }
    using Step = bool (*)(QSqlDatabase &, qint64, QString *);
    const Step steps[] = {migrateTo1, migrateTo2, migrateTo3};
    for (int next = found + 1; next <= CurrentVersion; ++next) {
        if (!database.transaction()) {
            *error = database.lastError().text();
            return false;
        }
        QSqlQuery record(database);
        const bool ok = steps[next - 1](database, nowMs, error) &&
                        record.exec(u"INSERT INTO schema_version(version) "
                                    "VALUES (%1)"_s.arg(next));
        if (!ok) {
            if (error->isEmpty())
                *error = record.lastError().text();
            database.rollback();
            return false;
        }
        if (!database.commit()) {
            *error = database.lastError().text();
            return false;
        }
    }
    return true;
}

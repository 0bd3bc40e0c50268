#include "sqliteeventstore.h"

#include "eventidkey.h"
#include "sqlitedevicetable.h"
#include "sqliteschema.h"
#include "sqlitewriteprobe.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "vigil.server.store")

namespace {

const QString SelectColumns =
    u"SELECT id, type, device_id, details, received_at, alert, late FROM events"_s;

constexpr int BusyTimeoutMs = 5000;

} // namespace

SqliteEventStore::SqliteEventStore(QString path, Sync sync)
    : m_path(std::move(path))
    , m_sync(sync)
    , m_connectionName(u"vigil-store-"_s + QUuid::createUuid().toString(QUuid::Id128))
{}

SqliteEventStore::~SqliteEventStore()
{
    close();
}

bool SqliteEventStore::open(QString *error)
{
    m_database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_database.setDatabaseName(m_path);
    if (!m_database.open()) {
        *error = u"cannot open %1: %2"_s.arg(m_path, m_database.lastError().text());
        return false;
    }
    QSqlQuery pragma(m_database);
    for (const QString &statement :
         {u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs), u"PRAGMA journal_mode = WAL"_s,
          m_sync == Sync::Full ? u"PRAGMA synchronous = FULL"_s : u"PRAGMA synchronous = NORMAL"_s,
          u"PRAGMA foreign_keys = ON"_s}) {
        if (!pragma.exec(statement)) {
            *error = u"cannot open %1: %2"_s.arg(m_path, pragma.lastError().text());
            return false;
        }
    }
    if (!SqliteSchema::migrate(m_database, QDateTime::currentMSecsSinceEpoch(), error)) {
        *error = u"cannot prepare %1: %2"_s.arg(m_path, *error);
        return false;
    }
    return loadMode(error);
}

void SqliteEventStore::close()
{
    if (!m_database.isValid())
        return;
    m_statements.clear();
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlQuery &SqliteEventStore::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery statement(m_database);
        if (!statement.prepare(sql))
            qCWarning(lcStore) << "cannot prepare" << sql << statement.lastError().text();
        it = m_statements.insert(sql, statement);
    }
    return it.value();
}

StoredEvent SqliteEventStore::eventFromRow(const QSqlQuery &row)
{
    StoredEvent event;
    event.id = row.value(0).toLongLong();
    event.type = row.value(1).toString();
    event.deviceId = row.value(2).toString();
    event.details = QJsonDocument::fromJson(row.value(3).toByteArray()).object();
    event.receivedAtMs = row.value(4).toLongLong();
    event.alert = row.value(5).toBool();
    event.late = row.value(6).toBool();
    return event;
}

std::optional<QList<InsertOutcome>> SqliteEventStore::insert(const QList<NewEvent> &events,
                                                             qint64 receivedAtMs,
                                                             bool fetchOriginals, QString *error,
                                                             const InsertHook &beforeCommit)
{
    std::optional<QList<InsertOutcome>> outcomes;
    const bool committed = write(
        [&](QString *failure) {
            outcomes = writeEvents(events, receivedAtMs, fetchOriginals, beforeCommit, failure);
            return outcomes.has_value();
        },
        error);
    // The outcomes are only true once the commit is: a full disk can fail the commit alone.
    if (!committed)
        return std::nullopt;
    return outcomes;
}

bool SqliteEventStore::write(const WriteBody &body, QString *error)
{
    if (m_inTransaction)
        return body(error);
    if (m_reopen && !reopen(error))
        return false;
    if (!m_database.transaction()) {
        *error = m_database.lastError().text();
        m_reopen = true;
        return false;
    }
    m_inTransaction = true;
    bool ok = body(error);
    m_inTransaction = false;
    if (ok && !m_database.commit()) {
        *error = m_database.lastError().text();
        ok = false;
    }
    if (!ok)
        m_database.rollback();
    m_reopen = !ok;
    return ok;
}

// Inside write()'s transaction.
std::optional<QList<InsertOutcome>>
SqliteEventStore::writeEvents(const QList<NewEvent> &events, qint64 receivedAtMs,
                              bool fetchOriginals, const InsertHook &beforeCommit, QString *error)
{
    auto fail = [&](const QSqlQuery &statement) {
        *error = statement.lastError().text();
        return std::nullopt;
    };
    QSqlQuery &insertEvent =
        prepared(u"INSERT INTO events(type, device_id, event_id, details, received_at, alert, late)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(event_id) DO NOTHING"_s);
    QList<InsertOutcome> outcomes;
    outcomes.reserve(events.size());
    for (const NewEvent &event : events) {
        InsertOutcome outcome;
        const QVariant key = EventIdKey::of(event.details);
        const QByteArray details = QJsonDocument(event.details).toJson(QJsonDocument::Compact);
        insertEvent.bindValue(0, event.type);
        insertEvent.bindValue(1, event.deviceId);
        insertEvent.bindValue(2, key);
        insertEvent.bindValue(3, QString::fromUtf8(details));
        insertEvent.bindValue(4, receivedAtMs);
        insertEvent.bindValue(5, event.alert ? 1 : 0);
        insertEvent.bindValue(6, event.late ? 1 : 0);
        if (!insertEvent.exec())
            return fail(insertEvent);
        if (insertEvent.numRowsAffected() == 0) {
            outcome.duplicate = true;
            if (fetchOriginals) {
                QSqlQuery &original = prepared(SelectColumns + u" WHERE event_id = ?"_s);
                original.bindValue(0, key);
                if (!original.exec())
                    return fail(original);
                if (original.next())
                    outcome.event = eventFromRow(original);
                original.finish();
            }
        } else {
            outcome.event = {insertEvent.lastInsertId().toLongLong(),
                             event.type,
                             event.deviceId,
                             event.details,
                             receivedAtMs,
                             event.alert,
                             event.late};
        }
        outcomes.append(std::move(outcome));
    }
    if (!SqliteDeviceTable::update(prepared(SqliteDeviceTable::upsertSql()), events, outcomes,
                                   receivedAtMs, error))
        return std::nullopt;
    if (beforeCommit && !beforeCommit(outcomes, error))
        return std::nullopt;
    return outcomes;
}

std::optional<QList<StoredEvent>> SqliteEventStore::query(const EventQuery &filter, QString *error)
{
    // The statement text depends only on which filters are present, so each of the few shapes
    // is prepared once and reused.
    QStringList conditions;
    QVariantList values;
    if (filter.beforeId) {
        conditions << u"id < ?"_s;
        values << *filter.beforeId;
    }
    if (!filter.type.isEmpty()) {
        conditions << u"type = ?"_s;
        values << filter.type;
    }
    if (!filter.deviceId.isEmpty()) {
        conditions << u"device_id = ?"_s;
        values << filter.deviceId;
    }
    if (filter.sinceMs) {
        conditions << u"received_at >= ?"_s;
        values << *filter.sinceMs;
    }
    QString sql = SelectColumns;
    if (!conditions.isEmpty())
        sql += u" WHERE "_s + conditions.join(u" AND "_s);
    sql += u" ORDER BY id DESC LIMIT ?"_s;
    values << filter.limit;

    QSqlQuery &statement = prepared(sql);
    for (qsizetype i = 0; i < values.size(); ++i)
        statement.bindValue(int(i), values.at(i));
    if (!statement.exec()) {
        *error = statement.lastError().text();
        return std::nullopt;
    }
    QList<StoredEvent> events;
    while (statement.next())
        events.append(eventFromRow(statement));
    statement.finish();
    return events;
}

std::optional<StoredEvent> SqliteEventStore::event(qint64 id, QString *error)
{
    QSqlQuery &statement = prepared(SelectColumns + u" WHERE id = ?"_s);
    statement.bindValue(0, id);
    if (!statement.exec()) {
        *error = statement.lastError().text();
        return std::nullopt;
    }
    std::optional<StoredEvent> found;
    if (statement.next())
        found = eventFromRow(statement);
    statement.finish();
    return found;
}

std::optional<QList<DeviceStatus>> SqliteEventStore::devices(int limit, QString *error)
{
    return SqliteDeviceTable::read(prepared(SqliteDeviceTable::selectSql()), limit, error);
}

bool SqliteEventStore::loadMode(QString *error)
{
    QSqlQuery statement(m_database);
    if (!statement.exec(u"SELECT key, value FROM state"
                        " WHERE key IN ('mode', 'mode_changed_at', 'created_at')"_s)) {
        *error = statement.lastError().text();
        return false;
    }
    while (statement.next()) {
        const QString value = statement.value(1).toString();
        const QString key = statement.value(0).toString();
        if (key == u"mode")
            m_mode.mode = ModeState::fromName(value).value_or(ModeState::Mode::Active);
        else if (key == u"created_at")
            m_createdAtMs = value.toLongLong();
        else
            m_mode.changedAtMs = value.toLongLong();
    }
    return true;
}

bool SqliteEventStore::setMode(const ModeState &state, QString *error)
{
    const bool ok = write(
        [&](QString *failure) {
            QSqlQuery &statement =
                prepared(u"INSERT INTO state(key, value) VALUES ('mode', ?),"
                         " ('mode_changed_at', ?)"
                         " ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
            statement.bindValue(0, ModeState::name(state.mode));
            statement.bindValue(1, QString::number(state.changedAtMs));
            if (!statement.exec()) {
                *failure = statement.lastError().text();
                return false;
            }
            return true;
        },
        error);
    if (ok)
        m_mode = state;
    return ok;
}

// A write failure is never taken as permanent: the next write (or probe) opens the file again
// first, so that a connection SQLite opened read-only, or left in a bad state by a full disk,
// does not outlive the cause. Cheap next to the failure, and only then.
bool SqliteEventStore::reopen(QString *error)
{
    close();
    if (!open(error)) {
        close();
        return false;
    }
    qCInfo(lcStore).noquote() << u"database %1 opened again after a failed write"_s.arg(m_path);
    m_reopen = false;
    return true;
}

bool SqliteEventStore::isHealthy(QString *error)
{
    if (m_reopen && !reopen(error))
        return false;
    QSqlQuery &read = prepared(u"SELECT 1"_s);
    if (!m_database.isOpen() || !read.exec() || !read.next()) {
        *error = u"cannot read: "_s + read.lastError().text();
        return false;
    }
    read.finish();
    m_reopen = !SqliteWriteProbe::run(m_database, BusyTimeoutMs, error);
    return !m_reopen;
}

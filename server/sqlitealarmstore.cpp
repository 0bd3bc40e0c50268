#include "sqlitealarmstore.h"

#include "sqliteeventstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

// Runs a prepared statement; false and *error when it fails.
bool run(QSqlQuery &statement, QString *error)
{
    if (statement.exec())
        return true;
    *error = statement.lastError().text();
    return false;
}

QVariant nullable(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

std::optional<AlarmStatus> SqliteAlarmStore::alarm(QString *error)
{
    QSqlQuery &select = m_events->prepared(u"SELECT value FROM state WHERE key = 'alarm'"_s);
    if (!run(select, error))
        return std::nullopt;
    std::optional<AlarmStatus> status;
    if (select.next()) {
        status = AlarmStatus::fromJson(
            QJsonDocument::fromJson(select.value(0).toString().toUtf8()).object());
        if (!status)
            *error = u"the stored alarm status is not readable"_s;
    }
    select.finish();
    return status;
}

bool SqliteAlarmStore::saveAlarm(const QList<AlarmStatus> &passed, const QList<AuditEntry> &audit,
                                 const std::optional<ModeState> &modeView, QString *error)
{
    if (passed.isEmpty())
        return appendAudit(audit, error);
    return m_events->write(
        [&](QString *failure) {
            QSqlQuery &save =
                m_events->prepared(u"INSERT INTO state(key, value) VALUES ('alarm', ?)"
                                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
            save.bindValue(
                0, QString::fromUtf8(
                       QJsonDocument(passed.constLast().toJson()).toJson(QJsonDocument::Compact)));
            if (!run(save, failure))
                return false;
            QSqlQuery &history = m_events->prepared(
                u"INSERT INTO alarm_history(at, state, armed_mode) VALUES (?, ?, ?)"_s);
            for (const AlarmStatus &status : passed) {
                history.bindValue(0, status.changedAtMs);
                history.bindValue(1, AlarmStatus::name(status.state));
                history.bindValue(2, status.armedMode
                                         ? QVariant(AlarmStatus::name(*status.armedMode))
                                         : QVariant(QMetaType::fromType<QString>()));
                if (!run(history, failure))
                    return false;
            }
            if (modeView && !m_events->setMode(*modeView, failure))
                return false;
            return insertAudit(audit, failure);
        },
        error);
}

std::optional<AlarmStatus> SqliteAlarmStore::alarmAt(qint64 atMs, QString *error)
{
    QSqlQuery &select =
        m_events->prepared(u"SELECT at, state, armed_mode FROM alarm_history WHERE at <= ?"
                           " ORDER BY at DESC, id DESC LIMIT 1"_s);
    select.bindValue(0, atMs);
    if (!run(select, error))
        return std::nullopt;
    std::optional<AlarmStatus> found;
    if (select.next()) {
        AlarmStatus status;
        status.changedAtMs = select.value(0).toLongLong();
        status.state = AlarmStatus::parseState(select.value(1).toString())
                           .value_or(AlarmStatus::State::Disarmed);
        if (!select.value(2).isNull())
            status.armedMode = AlarmStatus::parseState(select.value(2).toString());
        found = status;
    }
    select.finish();
    return found;
}

std::optional<bool> SqliteAlarmStore::disarmedSince(qint64 atMs, QString *error)
{
    QSqlQuery &select = m_events->prepared(
        u"SELECT 1 FROM alarm_history WHERE at > ? AND state = 'disarmed' LIMIT 1"_s);
    select.bindValue(0, atMs);
    if (!run(select, error))
        return std::nullopt;
    const bool found = select.next();
    select.finish();
    return found;
}

qint64 SqliteAlarmStore::createdAtMs() const
{
    return m_events->createdAtMs();
}

bool SqliteAlarmStore::insertAudit(const QList<AuditEntry> &entries, QString *error)
{
    QSqlQuery &insert =
        m_events->prepared(u"INSERT INTO audit(at, action, by, detail) VALUES (?, ?, ?, ?)"_s);
    for (const AuditEntry &entry : entries) {
        insert.bindValue(0, entry.atMs);
        insert.bindValue(1, entry.action);
        insert.bindValue(2, nullable(entry.by));
        insert.bindValue(3, entry.detail.isNull() ? QString(u""_s) : entry.detail); // NOT NULL
        if (!run(insert, error))
            return false;
    }
    return true;
}

bool SqliteAlarmStore::appendAudit(const QList<AuditEntry> &entries, QString *error)
{
    if (entries.isEmpty())
        return true;
    return m_events->write([&](QString *failure) { return insertAudit(entries, failure); }, error);
}

std::optional<QList<AuditEntry>> SqliteAlarmStore::audit(int limit, std::optional<qint64> beforeId,
                                                         QString *error)
{
    QSqlQuery &select = m_events->prepared(
        u"SELECT id, at, action, by, detail FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?"_s);
    select.bindValue(0, beforeId.value_or(std::numeric_limits<qint64>::max()));
    select.bindValue(1, limit);
    if (!run(select, error))
        return std::nullopt;
    QList<AuditEntry> entries;
    while (select.next()) {
        entries.append({select.value(0).toLongLong(), select.value(1).toLongLong(),
                        select.value(2).toString(), select.value(3).toString(),
                        select.value(4).toString()});
    }
    select.finish();
    return entries;
}

std::optional<QList<UserRecord>> SqliteAlarmStore::users(QString *error)
{
    QSqlQuery &select =
        m_events->prepared(u"SELECT name, code_hash, created_at FROM users ORDER BY name"_s);
    if (!run(select, error))
        return std::nullopt;
    QList<UserRecord> users;
    while (select.next()) {
        users.append({select.value(0).toString(), select.value(1).toString().toUtf8(),
                      select.value(2).toLongLong()});
    }
    select.finish();
    return users;
}

std::optional<bool> SqliteAlarmStore::addUser(const UserRecord &user, const AuditEntry &audit,
                                              QString *error)
{
    bool added = false;
    const bool ok = m_events->write(
        [&](QString *failure) {
            QSqlQuery &insert = m_events->prepared(
                u"INSERT INTO users(name, code_hash, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT(name) DO NOTHING"_s);
            insert.bindValue(0, user.name);
            insert.bindValue(1, QString::fromUtf8(user.codeHash));
            insert.bindValue(2, user.createdAtMs);
            if (!run(insert, failure))
                return false;
            added = insert.numRowsAffected() > 0;
            return !added || insertAudit({audit}, failure);
        },
        error);
    return ok ? std::optional<bool>(added) : std::nullopt;
}

std::optional<bool> SqliteAlarmStore::removeUser(const QString &name, const AuditEntry &audit,
                                                 QString *error)
{
    bool removed = false;
    const bool ok = m_events->write(
        [&](QString *failure) {
            QSqlQuery &remove = m_events->prepared(u"DELETE FROM users WHERE name = ?"_s);
            remove.bindValue(0, name);
            if (!run(remove, failure))
                return false;
            removed = remove.numRowsAffected() > 0;
            return !removed || insertAudit({audit}, failure);
        },
        error);
    return ok ? std::optional<bool>(removed) : std::nullopt;
}

std::optional<bool> SqliteAlarmStore::labelDevice(const DeviceLabel &change,
                                                  const AuditEntry &audit, QString *error)
{
    bool found = false;
    const bool ok = m_events->write(
        [&](QString *failure) {
            // COALESCE keeps what the change leaves out; an empty name clears it.
            QSqlQuery &update = m_events->prepared(
                u"UPDATE devices SET name = CASE WHEN ? THEN NULLIF(?, '') ELSE name END,"
                " role = COALESCE(?, role) WHERE device_id = ? AND source = ?"_s);
            update.bindValue(0, change.name.has_value());
            update.bindValue(1, change.name.value_or(QString()));
            update.bindValue(2, change.role ? QVariant(SensorRoleName::of(*change.role))
                                            : QVariant(QMetaType::fromType<QString>()));
            update.bindValue(3, change.deviceId);
            update.bindValue(4, change.source);
            if (!run(update, failure))
                return false;
            found = update.numRowsAffected() > 0;
            return !found || insertAudit({audit}, failure);
        },
        error);
    return ok ? std::optional<bool>(found) : std::nullopt;
}

std::optional<QList<DeviceLabel>> SqliteAlarmStore::deviceLabels(QString *error)
{
    QSqlQuery &select = m_events->prepared(u"SELECT device_id, source, name, role FROM devices"
                                           " WHERE name IS NOT NULL OR role != 'entry'"_s);
    if (!run(select, error))
        return std::nullopt;
    QList<DeviceLabel> labels;
    while (select.next()) {
        DeviceLabel label{select.value(0).toString(), select.value(1).toString(), std::nullopt,
                          SensorRoleName::parse(select.value(3).toString())};
        if (!select.value(2).isNull())
            label.name = select.value(2).toString();
        labels.append(label);
    }
    select.finish();
    return labels;
}

std::optional<QStringList> SqliteAlarmStore::knownBridges(QString *error)
{
    QSqlQuery &select = m_events->prepared(u"SELECT value FROM state WHERE key = 'bridges'"_s);
    if (!run(select, error))
        return std::nullopt;
    QStringList ids;
    if (select.next()) {
        const QJsonArray stored =
            QJsonDocument::fromJson(select.value(0).toString().toUtf8()).array();
        for (const auto &id : stored)
            ids.append(id.toString());
    }
    select.finish();
    ids.removeAll(QString());
    return ids;
}

bool SqliteAlarmStore::saveKnownBridges(const QStringList &ids, QString *error)
{
    return m_events->write(
        [&](QString *failure) {
            QSqlQuery &save =
                m_events->prepared(u"INSERT INTO state(key, value) VALUES ('bridges', ?)"
                                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
            save.bindValue(
                0,
                QString::fromUtf8(
                    QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact)));
            return run(save, failure);
        },
        error);
}

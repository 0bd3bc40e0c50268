#pragma once

#include "eventstore.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>

// EventStore on one SQLite file through QtSql (QSQLITE): WAL journal, synchronous=NORMAL by
// default (with WAL a commit survives a process crash; only a power cut or an OS crash can lose
// the last commits) or FULL (an fsync per commit: those too), prepared statements kept for the
// life of the store. Owns its connection (a unique
// connection name per instance); used only from the thread that called open().
class SqliteEventStore final : public EventStore
{
public:
    enum class Sync { Normal, Full };

    explicit SqliteEventStore(QString path, Sync sync = Sync::Normal);
    ~SqliteEventStore() override;

    bool open(QString *error) override;
    void close() override;

    std::optional<QList<InsertOutcome>> insert(const QList<NewEvent> &events, qint64 receivedAtMs,
                                               bool fetchOriginals, QString *error,
                                               const InsertHook &beforeCommit = {}) override;
    std::optional<QList<StoredEvent>> query(const EventQuery &query, QString *error) override;
    std::optional<StoredEvent> event(qint64 id, QString *error) override;
    std::optional<QList<DeviceStatus>> devices(int limit, QString *error) override;

    ModeState mode() const override { return m_mode; }
    bool setMode(const ModeState &state, QString *error) override;

    bool isHealthy(QString *error) override;

    // For SqliteAlarmStore, which shares this connection so that an alarm change can commit
    // with the events that caused it. `body` runs in a transaction of its own, or in the
    // insert's when called from its hook; a failure rolls back, and the file is opened again
    // before the next write.
    using WriteBody = std::function<bool(QString *error)>;
    bool write(const WriteBody &body, QString *error);
    QSqlQuery &prepared(const QString &sql); // kept for the life of the connection
    qint64 createdAtMs() const { return m_createdAtMs; }

private:
    std::optional<QList<InsertOutcome>> writeEvents(const QList<NewEvent> &events,
                                                    qint64 receivedAtMs, bool fetchOriginals,
                                                    const InsertHook &beforeCommit, QString *error);
    bool reopen(QString *error);
    bool loadMode(QString *error);
    static StoredEvent eventFromRow(const QSqlQuery &row);

    QString m_path;
    Sync m_sync;
    QString m_connectionName;
    QSqlDatabase m_database;
    QHash<QString, QSqlQuery> m_statements;
    ModeState m_mode;
    bool m_reopen = false; // the last write failed: open the file again before the next one
    bool m_inTransaction = false;
    qint64 m_createdAtMs = 0;
};

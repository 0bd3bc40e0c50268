#pragma once

#include "eventstore.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

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
                                               bool fetchOriginals, QString *error) override;
    std::optional<QList<StoredEvent>> query(const EventQuery &query, QString *error) override;
    std::optional<StoredEvent> event(qint64 id, QString *error) override;
    std::optional<QList<DeviceStatus>> devices(QString *error) override;

    ModeState mode() const override { return m_mode; }
    bool setMode(const ModeState &state, QString *error) override;

    bool isHealthy() override;

private:
    QSqlQuery &prepared(const QString &sql);
    bool loadMode(QString *error);
    static StoredEvent eventFromRow(const QSqlQuery &row);

    QString m_path;
    Sync m_sync;
    QString m_connectionName;
    QSqlDatabase m_database;
    QHash<QString, QSqlQuery> m_statements;
    ModeState m_mode;
};

#pragma once

#include "alarmstore.h"

class SqliteEventStore;

// AlarmStore on the SQLite file of a SqliteEventStore, through its connection and prepared
// statements: an alarm change made in the events insert's hook commits with those events. The
// status is one JSON value in the `state` table (AlarmStatus::toJson); the tables are made by
// SqliteSchema (version 3). Used only from the store's thread; does not own the store.
class SqliteAlarmStore final : public AlarmStore
{
public:
    explicit SqliteAlarmStore(SqliteEventStore *events)
        : m_events(events)
    {}

    std::optional<AlarmStatus> alarm(QString *error) override;
    bool saveAlarm(const QList<AlarmStatus> &passed, const QList<AuditEntry> &audit,
                   const std::optional<ModeState> &modeView, QString *error) override;
    std::optional<AlarmStatus> alarmAt(qint64 atMs, QString *error) override;
    std::optional<bool> disarmedSince(qint64 atMs, QString *error) override;
    qint64 createdAtMs() const override;

    bool appendAudit(const QList<AuditEntry> &entries, QString *error) override;
    std::optional<QList<AuditEntry>> audit(int limit, std::optional<qint64> beforeId,
                                           QString *error) override;

    std::optional<QList<UserRecord>> users(QString *error) override;
    std::optional<bool> addUser(const UserRecord &user, const AuditEntry &audit,
                                QString *error) override;
    std::optional<bool> removeUser(const QString &name, const AuditEntry &audit,
                                   QString *error) override;

    std::optional<bool> labelDevice(const DeviceLabel &change, const AuditEntry &audit,
                                    QString *error) override;
    std::optional<QList<DeviceLabel>> deviceLabels(QString *error) override;
    std::optional<QStringList> knownBridges(QString *error) override;
    bool saveKnownBridges(const QStringList &ids, QString *error) override;

private:
    bool insertAudit(const QList<AuditEntry> &entries, QString *error);

    SqliteEventStore *m_events;
};

#pragma once

#include "alarmstatus.h"
#include "auditentry.h"
#include "devicelabel.h"
#include "modestate.h"
#include "userrecord.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What the alarm keeps in the database beside the events: its status and the history of its
// states, the users and their code hashes, the audit log, and the sensors' names and roles.
// Every write is one transaction, or part of the events insert's transaction when called from
// its hook (EventStore::insert), so that an alarm change commits with the event that caused it,
// or not at all. Synchronous; used from the thread that opened the store.
class AlarmStore
{
public:
    virtual ~AlarmStore() = default;

    // The stored status; nullopt with an empty *error when none was stored yet (a database from
    // before the alarm: the caller starts from the guide's mode).
    virtual std::optional<AlarmStatus> alarm(QString *error) = 0;
    // Makes passed.last() the stored status, adds each of `passed` (oldest first) to the
    // history, appends `audit`, and stores the guide's mode view when it changed.
    virtual bool saveAlarm(const QList<AlarmStatus> &passed, const QList<AuditEntry> &audit,
                           const std::optional<ModeState> &modeView, QString *error) = 0;
    // The state the alarm was in at `atMs` (state, armedMode and changedAtMs only); nullopt with
    // an empty *error before the history begins.
    virtual std::optional<AlarmStatus> alarmAt(qint64 atMs, QString *error) = 0;
    // Whether the alarm was disarmed at some time after `atMs`.
    virtual std::optional<bool> disarmedSince(qint64 atMs, QString *error) = 0;
    // When the database was made: no event can have happened before.
    virtual qint64 createdAtMs() const = 0;

    virtual bool appendAudit(const QList<AuditEntry> &entries, QString *error) = 0;
    // Newest first, ids below `beforeId` when given.
    virtual std::optional<QList<AuditEntry>> audit(int limit, std::optional<qint64> beforeId,
                                                   QString *error) = 0;

    virtual std::optional<QList<UserRecord>> users(QString *error) = 0; // by name
    // false: the name is taken (nothing changed).
    virtual std::optional<bool> addUser(const UserRecord &user, const AuditEntry &audit,
                                        QString *error) = 0;
    // false: no such user (nothing changed).
    virtual std::optional<bool> removeUser(const QString &name, const AuditEntry &audit,
                                           QString *error) = 0;

    // Sets what `change` gives of the name and role of an existing sensor row; false when the
    // (device_id, source) row does not exist (nothing changed).
    virtual std::optional<bool> labelDevice(const DeviceLabel &change, const AuditEntry &audit,
                                            QString *error) = 0;
    // Every row that has a name or a role other than the default.
    virtual std::optional<QList<DeviceLabel>> deviceLabels(QString *error) = 0;

    // The bridges seen so far (supervision), so that one silent since before a restart is still
    // reported; written only when the set changes.
    virtual std::optional<QStringList> knownBridges(QString *error) = 0;
    virtual bool saveKnownBridges(const QStringList &ids, QString *error) = 0;
};

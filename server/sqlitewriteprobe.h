#pragma once

#include <QSqlDatabase>
#include <QString>

// The write half of SqliteEventStore's health check: one real commit of a tiny row (the
// `health_probe` key of the state table). A write rolled back before its commit never reaches
// the WAL, so it would not tell a full, read-only or locked file; this does. The lock is waited
// for briefly only, so that a health check answers quickly. Stateless; the store's thread.
class SqliteWriteProbe
{
public:
    static constexpr int BusyTimeoutMs = 250;

    // `restoreBusyTimeoutMs`: the connection's own busy timeout, set back afterwards.
    static bool run(QSqlDatabase &database, int restoreBusyTimeoutMs, QString *error);
};

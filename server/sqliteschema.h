#pragma once

#include <QSqlDatabase>
#include <QString>

// The SQLite schema of the event store and its migrations. The version lives in
// schema_version; migrate() runs, each in its own transaction, the steps the file has not seen
// yet, so a database made by an older build is upgraded in place and an empty file gets the
// whole schema. A database from a newer build is refused rather than guessed at.
class SqliteSchema
{
public:
    static constexpr int CurrentVersion = 3;

    static bool migrate(QSqlDatabase &database, qint64 nowMs, QString *error);
    static int version(QSqlDatabase &database, QString *error); // -1 on error
};

#include "sqlitewriteprobe.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

bool SqliteWriteProbe::run(QSqlDatabase &database, int restoreBusyTimeoutMs, QString *error)
{
    QSqlQuery pragma(database);
    pragma.exec(u"PRAGMA busy_timeout = %1"_s.arg(BusyTimeoutMs));
    QSqlQuery probe(database);
    probe.prepare(u"INSERT INTO state(key, value) VALUES ('health_probe', ?)"
                  " ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    probe.bindValue(0, QString::number(QDateTime::currentMSecsSinceEpoch()));
    const bool written = probe.exec();
    if (!written)
        *error = u"cannot write: "_s + probe.lastError().text();
    pragma.exec(u"PRAGMA busy_timeout = %1"_s.arg(restoreBusyTimeoutMs));
    return written;
}

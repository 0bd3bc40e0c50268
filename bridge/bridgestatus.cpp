#include "bridgestatus.h"

#include "utctime.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <sys/statvfs.h>

using namespace Qt::StringLiterals;

namespace {

QString timeText(qint64 msecs)
{
    if (msecs <= 0)
        return u"never"_s;
    return UtcTime::isoFromMSecs(msecs);
}

QString metaValue(const QSqlDatabase &db, const QString &key)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

bool readInto(const QSqlDatabase &db, BridgeStatus *status, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(u"SELECT COUNT(*), MIN(received_at) FROM outbox"_s) || !query.next()) {
        *error = u"not a vigil-bridge outbox (%1)"_s.arg(query.lastError().text());
        return false;
    }
    status->depth = query.value(0).toLongLong();
    status->oldestReceivedAtMs = query.value(1).toLongLong();

    QSqlQuery dead(db);
    if (!dead.exec(u"SELECT COUNT(*) FROM dead_letters"_s) || !dead.next()) {
        *error = u"not a vigil-bridge outbox (%1)"_s.arg(dead.lastError().text());
        return false;
    }
    status->deadLetters = dead.value(0).toLongLong();
    dead.prepare(u"SELECT outbox_id, type, event_id, received_at, http_status, "
                 "error FROM dead_letters ORDER BY id DESC LIMIT ?"_s);
    dead.addBindValue(BridgeStatus::RecentDeadLetters);
    if (dead.exec()) {
        while (dead.next()) {
            DeadLetter letter;
            letter.event.id = dead.value(0).toLongLong();
            letter.event.type = dead.value(1).toString();
            letter.event.eventId = dead.value(2).toString();
            letter.event.receivedAtMs = dead.value(3).toLongLong();
            letter.httpStatus = dead.value(4).toInt();
            letter.error = dead.value(5).toString();
            status->recentDeadLetters.append(letter);
        }
    }
    status->discarded = metaValue(db, Outbox::MetaDiscarded).toLongLong();
    status->lastDeliveryAtMs = metaValue(db, Outbox::MetaLastDelivery).toLongLong();
    status->lastError = metaValue(db, Outbox::MetaLastError);
    status->lastErrorAtMs = metaValue(db, Outbox::MetaLastErrorAt).toLongLong();
    return true;
}

void readFileSystem(const QString &outboxPath, BridgeStatus *status)
{
    struct statvfs fs = {};
    if (::statvfs(QFile::encodeName(QFileInfo(outboxPath).absolutePath()).constData(), &fs) != 0)
        return;
    status->freeBytes = qint64(fs.f_bavail) * qint64(fs.f_frsize);
    status->readOnly = (fs.f_flag & ST_RDONLY) != 0;
}

QString writableText(const BridgeStatus &status)
{
    if (status.freeBytes < 0)
        return u"unknown"_s;
    if (status.readOnly)
        return u"no, its file system is read-only: the bridge stops reading from the broker "
               "until it can write"_s;
    if (status.freeBytes < BridgeStatus::FullBelowBytes)
        return u"no, its file system is full (%1 bytes free): the bridge stops reading from "
               "the broker until it can write"_s.arg(status.freeBytes);
    return u"yes (%1 MiB free)"_s.arg(status.freeBytes / (1024LL * 1024));
}

} // namespace

std::optional<BridgeStatus> BridgeStatus::read(const QString &outboxPath, QString *error)
{
    if (!QFileInfo::exists(outboxPath)) {
        *error = u"no outbox at %1 (the bridge creates it when it starts)"_s.arg(outboxPath);
        return std::nullopt;
    }
    const QString connection = u"status-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::optional<BridgeStatus> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(outboxPath);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"_s);
        BridgeStatus status;
        if (!db.open())
            *error = db.lastError().text();
        else if (readInto(db, &status, error))
            result = status;
        if (result)
            readFileSystem(outboxPath, &*result);
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

QString BridgeStatus::toText(const QString &outboxPath) const
{
    QString text;
    text += u"outbox: %1\n"_s.arg(outboxPath);
    text += u"queued: %1"_s.arg(depth);
    if (depth > 0)
        text += u" (oldest received %1)"_s.arg(timeText(oldestReceivedAtMs));
    text += u'\n';
    text += u"writable: %1\n"_s.arg(writableText(*this));
    text += u"dead letters: %1\n"_s.arg(deadLetters);
    text += u"discarded (outbox full): %1\n"_s.arg(discarded);
    text += u"last delivery: %1\n"_s.arg(timeText(lastDeliveryAtMs));
    if (lastError.isEmpty())
        text += u"last error: none\n"_s;
    else
        text += u"last error: %1 at %2\n"_s.arg(lastError, timeText(lastErrorAtMs));
    for (const DeadLetter &letter : recentDeadLetters) {
        text +=
            u"  dead letter: %1 %2 (event_id %3) HTTP %4: %5\n"_s
                .arg(timeText(letter.event.receivedAtMs), letter.event.type, letter.event.eventId)
                .arg(letter.httpStatus)
                .arg(letter.error);
    }
    return text;
}

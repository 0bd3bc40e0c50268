#include "bridgestatus.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace {

QString timeText(qint64 msecs)
{
    if (msecs <= 0)
        return QStringLiteral("never");
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString metaValue(const QSqlDatabase &db, const QString &key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

bool readInto(const QSqlDatabase &db, BridgeStatus *status, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*), MIN(received_at) FROM outbox")) ||
        !query.next()) {
        *error = QStringLiteral("not a vigil-bridge outbox (%1)").arg(query.lastError().text());
        return false;
    }
    status->depth = query.value(0).toLongLong();
    status->oldestReceivedAtMs = query.value(1).toLongLong();

    QSqlQuery dead(db);
    if (!dead.exec(QStringLiteral("SELECT COUNT(*) FROM dead_letters")) || !dead.next()) {
        *error = QStringLiteral("not a vigil-bridge outbox (%1)").arg(dead.lastError().text());
        return false;
    }
    status->deadLetters = dead.value(0).toLongLong();
    dead.prepare(QStringLiteral("SELECT outbox_id, type, event_id, received_at, http_status, "
                                "error FROM dead_letters ORDER BY id DESC LIMIT ?"));
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

} // namespace

std::optional<BridgeStatus> BridgeStatus::read(const QString &outboxPath, QString *error)
{
    if (!QFileInfo::exists(outboxPath)) {
        *error = QStringLiteral("no outbox at %1 (the bridge creates it when it starts)")
                     .arg(outboxPath);
        return std::nullopt;
    }
    const QString connection =
        QStringLiteral("status-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::optional<BridgeStatus> result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(outboxPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        BridgeStatus status;
        if (!db.open())
            *error = db.lastError().text();
        else if (readInto(db, &status, error))
            result = status;
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

QString BridgeStatus::toText(const QString &outboxPath) const
{
    QString text;
    text += QStringLiteral("outbox: %1\n").arg(outboxPath);
    text += QStringLiteral("queued: %1").arg(depth);
    if (depth > 0)
        text += QStringLiteral(" (oldest received %1)").arg(timeText(oldestReceivedAtMs));
    text += u'\n';
    text += QStringLiteral("dead letters: %1\n").arg(deadLetters);
    text += QStringLiteral("discarded (outbox full): %1\n").arg(discarded);
    text += QStringLiteral("last delivery: %1\n").arg(timeText(lastDeliveryAtMs));
    if (lastError.isEmpty())
        text += QStringLiteral("last error: none\n");
    else
        text += QStringLiteral("last error: %1 at %2\n").arg(lastError, timeText(lastErrorAtMs));
    for (const DeadLetter &letter : recentDeadLetters) {
        text +=
            QStringLiteral("  dead letter: %1 %2 (event_id %3) HTTP %4: %5\n")
                .arg(timeText(letter.event.receivedAtMs), letter.event.type, letter.event.eventId)
                .arg(letter.httpStatus)
                .arg(letter.error);
    }
    return text;
}

#include "outbox.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcOutbox, "vigil.bridge.outbox")

namespace {

constexpr int SchemaVersion = 1;
constexpr qint64 DiscardLogIntervalMs = 10000;

QString describe(const QSqlError &error)
{
    return error.text().trimmed();
}

QString uniqueConnectionName()
{
    return u"outbox-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

Outbox::Outbox(const QString &path)
    : m_path(path)
    , m_connectionName(uniqueConnectionName())
{}

Outbox::~Outbox()
{
    if (m_db.isValid()) {
        for (QSqlQuery *statement : {&m_insert, &m_peek, &m_remove, &m_writeMeta})
            *statement = QSqlQuery();
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool Outbox::exec(const QString &sql, QString *error)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        if (error)
            *error = describe(query.lastError());
        return false;
    }
    return true;
}

bool Outbox::open(Sync sync, QString *error)
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    // A busy timeout lets `--status` read while we write without either side failing.
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!m_db.open()) {
        *error = describe(m_db.lastError());
        return false;
    }
    const QString syncMode = sync == Sync::Full ? u"FULL"_s : u"NORMAL"_s;
    const QStringList setup{
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous="_s + syncMode,
        u"CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "body BLOB NOT NULL, type TEXT NOT NULL, event_id TEXT NOT NULL, "
        "received_at INTEGER NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS dead_letters (id INTEGER PRIMARY KEY "
        "AUTOINCREMENT, outbox_id INTEGER NOT NULL, body BLOB NOT NULL, type TEXT "
        "NOT NULL, event_id TEXT NOT NULL, received_at INTEGER NOT NULL, "
        "http_status INTEGER NOT NULL, error TEXT NOT NULL, dead_at INTEGER NOT "
        "NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)"_s,
        u"PRAGMA user_version=%1"_s.arg(SchemaVersion),
    };
    for (const QString &statement : setup) {
        if (!exec(statement, error))
            return false;
    }
    QSqlQuery count(m_db);
    if (!count.exec(u"SELECT COUNT(*) FROM outbox"_s) || !count.next()) {
        *error = describe(count.lastError());
        return false;
    }
    m_depth = count.value(0).toLongLong();
    m_discarded = readMeta(MetaDiscarded).toLongLong();
    return prepareStatements(error);
}

bool Outbox::prepareStatements(QString *error)
{
    const QList<QPair<QSqlQuery *, QString>> statements{
        {&m_insert, u"INSERT INTO outbox (body, type, event_id, received_at) "
                    "VALUES (?, ?, ?, ?)"_s},
        {&m_peek, u"SELECT id, body, type, event_id, received_at FROM outbox "
                  "ORDER BY id LIMIT ?"_s},
        {&m_remove, u"DELETE FROM outbox WHERE id BETWEEN ? AND ?"_s},
        {&m_writeMeta, u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s},
    };
    for (const auto &[statement, sql] : statements) {
        *statement = QSqlQuery(m_db);
        statement->setForwardOnly(true);
        if (!statement->prepare(sql)) {
            *error = describe(statement->lastError());
            return false;
        }
    }
    return true;
}

bool Outbox::discardOldest(qint64 count, QString *error)
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT ?)"_s);
    query.addBindValue(count);
    if (!query.exec()) {
        *error = describe(query.lastError());
        return false;
    }
    m_depth -= query.numRowsAffected();
    return true;
}

bool Outbox::append(QList<OutboxEvent> *events, QString *error)
{
    if (events->isEmpty())
        return true;
    if (!m_db.transaction()) {
        *error = describe(m_db.lastError());
        return false;
    }
    qint64 discardedNow = 0;
    const qint64 excess = m_depth + events->size() - m_maxEvents;
    if (excess > 0) {
        // More new events than the whole limit: the oldest of the new ones go as well.
        const qint64 fromNew = qMax<qint64>(0, excess - m_depth);
        if (!discardOldest(excess - fromNew, error)) {
            m_db.rollback();
            return false;
        }
        events->remove(0, fromNew);
        discardedNow = excess;
    }

    for (OutboxEvent &event : *events) {
        m_insert.bindValue(0, event.body);
        m_insert.bindValue(1, event.type);
        m_insert.bindValue(2, event.eventId);
        m_insert.bindValue(3, event.receivedAtMs);
        if (!m_insert.exec()) {
            *error = describe(m_insert.lastError());
            m_db.rollback();
            return false;
        }
        event.id = m_insert.lastInsertId().toLongLong();
    }
    if (discardedNow > 0)
        writeMeta(MetaDiscarded, QString::number(m_discarded + discardedNow));
    if (!m_db.commit()) {
        *error = describe(m_db.lastError());
        m_db.rollback();
        return false;
    }
    m_depth += events->size();
    if (discardedNow > 0) {
        m_discarded += discardedNow;
        if (!m_lastDiscardLog.isValid() || m_lastDiscardLog.elapsed() > DiscardLogIntervalMs) {
            qCWarning(lcOutbox).noquote()
                << u"outbox full (OUTBOX_MAX_EVENTS=%1): discarded the oldest "
                   "events to make room, %2 so far"_s.arg(m_maxEvents)
                       .arg(m_discarded);
            m_lastDiscardLog.start();
        }
    }
    return true;
}

QList<OutboxEvent> Outbox::peek(int maxEvents, qint64 maxBytes)
{
    QList<OutboxEvent> events;
    QSqlQuery &query = m_peek;
    query.bindValue(0, maxEvents);
    if (!query.exec()) {
        qCWarning(lcOutbox).noquote() << "cannot read the outbox:" << describe(query.lastError());
        return events;
    }
    qint64 bytes = 0;
    while (query.next()) {
        OutboxEvent event;
        event.id = query.value(0).toLongLong();
        event.body = query.value(1).toByteArray();
        if (!events.isEmpty() && bytes + event.body.size() > maxBytes)
            break;
        bytes += event.body.size();
        event.type = query.value(2).toString();
        event.eventId = query.value(3).toString();
        event.receivedAtMs = query.value(4).toLongLong();
        events.append(event);
    }
    query.finish(); // ends the read, so that a checkpoint is not held back by it
    return events;
}

bool Outbox::settle(qint64 firstId, qint64 lastId, const QList<DeadLetter> &dead, qint64 nowMs,
                    QString *error)
{
    if (!m_db.transaction()) {
        *error = describe(m_db.lastError());
        return false;
    }
    QSqlQuery insert(m_db);
    insert.prepare(
        u"INSERT INTO dead_letters (outbox_id, body, type, event_id, received_at, http_status, "
        "error, dead_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const DeadLetter &letter : dead) {
        insert.bindValue(0, letter.event.id);
        insert.bindValue(1, letter.event.body);
        insert.bindValue(2, letter.event.type);
        insert.bindValue(3, letter.event.eventId);
        insert.bindValue(4, letter.event.receivedAtMs);
        insert.bindValue(5, letter.httpStatus);
        insert.bindValue(6, letter.error);
        insert.bindValue(7, nowMs);
        if (!insert.exec()) {
            *error = describe(insert.lastError());
            m_db.rollback();
            return false;
        }
    }
    m_remove.bindValue(0, firstId);
    m_remove.bindValue(1, lastId);
    if (!m_remove.exec()) {
        *error = describe(m_remove.lastError());
        m_db.rollback();
        return false;
    }
    const qint64 removed = m_remove.numRowsAffected();
    if (dead.size() < removed)
        writeMeta(MetaLastDelivery, QString::number(nowMs));
    if (!m_db.commit()) {
        *error = describe(m_db.lastError());
        m_db.rollback();
        return false;
    }
    m_depth -= removed;
    return true;
}

bool Outbox::recordError(const QString &message, qint64 nowMs)
{
    // Two statements outside a transaction would cost two commits; one is enough.
    if (!m_db.transaction())
        return false;
    writeMeta(MetaLastError, message);
    writeMeta(MetaLastErrorAt, QString::number(nowMs));
    if (m_db.commit())
        return true;
    m_db.rollback();
    return false;
}

qint64 Outbox::deadLetterCount()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"SELECT COUNT(*) FROM dead_letters"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

void Outbox::writeMeta(const QString &key, const QString &value)
{
    m_writeMeta.bindValue(0, key);
    m_writeMeta.bindValue(1, value);
    if (!m_writeMeta.exec())
        qCWarning(lcOutbox).noquote()
            << "cannot write" << key << ":" << describe(m_writeMeta.lastError());
}

QString Outbox::readMeta(const QString &key)
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

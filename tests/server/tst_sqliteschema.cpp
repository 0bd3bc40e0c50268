// SqliteSchema's migrations on a database made by an older build: its events are kept, and
// their event ids keep de-duplicating with the rules of this build.
#include "sqliteeventstore.h"
#include "sqliteschema.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The schema version 1 wrote, and rows as it stored them (event_id as text, whatever its type).
const QStringList Version1 = {
    u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s,
    u"INSERT INTO schema_version(version) VALUES (1)"_s,
    u"CREATE TABLE events (id INTEGER PRIMARY KEY, type TEXT NOT NULL, device_id TEXT NOT NULL,"
    " event_id TEXT, details TEXT NOT NULL, received_at INTEGER NOT NULL,"
    " alert INTEGER NOT NULL DEFAULT 0)"_s,
    u"CREATE UNIQUE INDEX events_by_event_id ON events(event_id)"_s,
    u"CREATE INDEX events_by_type ON events(type, id)"_s,
    u"CREATE INDEX events_by_device ON events(device_id, id)"_s,
    u"CREATE INDEX events_by_received_at ON events(received_at)"_s,
    u"CREATE TABLE devices (device_id TEXT NOT NULL, source TEXT NOT NULL, online INTEGER,"
    " last_seen INTEGER NOT NULL, last_type TEXT, PRIMARY KEY (device_id, source))"_s,
    u"CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
    u"INSERT INTO state(key, value) VALUES ('created_at', '1000'), ('mode', 'surveillance'),"
    " ('mode_changed_at', '1000')"_s,
    u"INSERT INTO events(id, type, device_id, event_id, details, received_at) VALUES"
    " (1, 'm', 'pi', '5', '{\"event_id\":5}', 1000),"
    " (2, 'm', 'pi', 'abc', '{\"event_id\":\"abc\"}', 1000),"
    " (3, 'm', 'pi', '', '{\"event_id\":\"\"}', 1000),"
    " (4, 'm', 'pi', '{\"a\":1}', '{\"event_id\":{\"a\":1}}', 1000),"
    " (5, 'm', 'pi', NULL, '{}', 1000)"_s,
};

NewEvent withEventId(const QJsonValue &eventId)
{
    return {u"m"_s, u"pi"_s, QJsonObject{{u"event_id"_s, eventId}}, false};
}

} // namespace

class tst_SqliteSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void version1EventIdsKeepTheirType();
};

void tst_SqliteSchema::version1EventIdsKeepTheirType()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"old.db"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &statement : Version1)
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"old"_s);

    SqliteEventStore store(path);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    QCOMPARE(store.query({}, &error)->size(), 5);
    QCOMPARE(store.mode().mode, ModeState::Mode::Surveillance);
    const auto outcomes = store.insert({withEventId(5), withEventId(u"5"_s), withEventId(u"abc"_s),
                                        withEventId(u""_s), withEventId(QJsonObject{{u"a"_s, 1}})},
                                       2000, true, &error);
    QVERIFY2(outcomes, qPrintable(error));
    QList<bool> duplicates;
    for (const InsertOutcome &outcome : *outcomes)
        duplicates << outcome.duplicate;
    QCOMPARE(duplicates, (QList<bool>{true, false, true, false, false}));
    QCOMPARE(outcomes->at(0).event.id, 1);
    QCOMPARE(outcomes->at(2).event.id, 2);
    store.close();

    // The migration ran once: reopening changes nothing.
    SqliteEventStore again(path);
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.query({}, &error)->size(), 8);
}

QTEST_GUILESS_MAIN(tst_SqliteSchema)
#include "tst_sqliteschema.moc"

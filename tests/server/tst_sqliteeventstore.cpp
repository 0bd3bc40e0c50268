// SqliteEventStore on a real SQLite file: schema from an empty file, migrations recorded,
// de-duplication, filters, devices and mode, and what survives a reopen.
#include "sqliteeventstore.h"
#include "sqliteschema.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

NewEvent newEvent(const QString &type, const QString &device, const QString &eventId = {},
                  const QString &source = {})
{
    QJsonObject details;
    if (!eventId.isEmpty())
        details.insert(u"event_id"_s, eventId);
    if (!source.isEmpty())
        details.insert(u"source"_s, source);
    return {type, device, details, false};
}

} // namespace

class tst_SqliteEventStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createsSchemaInEmptyFile();
    void refusesNewerSchema();
    void insertReturnsStoredEvents();
    void deduplicatesByEventId();
    void batchIsAllOrNothing();
    void queryFilters();
    void devicesSummary();
    void modeDefaultsAndPersists();
    void dataSurvivesReopen();
    void syncModeReachesSqlite_data();
    void syncModeReachesSqlite();

private:
    QString path() const { return m_dir->filePath(u"store.db"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_SqliteEventStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_SqliteEventStore::createsSchemaInEmptyFile()
{
    {
        SqliteEventStore store(path());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY(store.isHealthy(&error));
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
    db.setDatabaseName(path());
    QVERIFY(db.open());
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT MAX(version) FROM schema_version"_s) && query.next());
        QCOMPARE(query.value(0).toInt(), SqliteSchema::CurrentVersion);
        QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
        QCOMPARE(query.value(0).toString(), u"wal"_s);
        // the indexes the filters rely on at 10 million rows
        QVERIFY(query.exec(u"SELECT name FROM sqlite_master WHERE type = 'index'"_s));
        QStringList indexes;
        while (query.next())
            indexes << query.value(0).toString();
        for (const char *name :
             {"events_by_event_id", "events_by_type", "events_by_device", "events_by_received_at"})
            QVERIFY2(indexes.contains(QLatin1String(name)), name);
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"inspect"_s);
}

void tst_SqliteEventStore::refusesNewerSchema()
{
    {
        SqliteEventStore store(path());
        QString error;
        QVERIFY(store.open(&error));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"future"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery(db).exec(u"INSERT INTO schema_version(version) VALUES (99)"_s);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"future"_s);
    SqliteEventStore store(path());
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY2(error.contains(u"99"), qPrintable(error));
}

void tst_SqliteEventStore::insertReturnsStoredEvents()
{
    SqliteEventStore store(path());
    QString error;
    QVERIFY(store.open(&error));
    NewEvent alert = newEvent(u"motion_detected"_s, u"pi"_s, u"e1"_s);
    alert.alert = true;
    const auto outcomes =
        store.insert({alert, newEvent(u"b"_s, u"pi"_s)}, 1'700'000'000'123, false, &error);
    QVERIFY2(outcomes, qPrintable(error));
    QCOMPARE(outcomes->size(), 2);
    const StoredEvent first = outcomes->at(0).event;
    QVERIFY(first.id > 0);
    QCOMPARE(outcomes->at(1).event.id, first.id + 1);
    QCOMPARE(first.receivedAtMs, 1'700'000'000'123);
    QVERIFY(first.alert);
    const auto read = store.event(first.id, &error);
    QVERIFY(read);
    QCOMPARE(read->toJson(), first.toJson());
    QCOMPARE(read->toJson().value(u"received_at").toString(), u"2023-11-14T22:13:20.123Z"_s);
    QVERIFY(!store.event(first.id + 100, &error));
    QVERIFY(error.isEmpty());
}

void tst_SqliteEventStore::deduplicatesByEventId()
{
    SqliteEventStore store(path());
    QString error;
    QVERIFY(store.open(&error));
    const auto first = store.insert({newEvent(u"a"_s, u"pi"_s, u"same"_s)}, 1000, true, &error);
    QVERIFY(first);
    const auto again = store.insert(
        {newEvent(u"b"_s, u"pi"_s, u"same"_s), newEvent(u"c"_s, u"pi"_s, u"new"_s),
         newEvent(u"d"_s, u"pi"_s, u"new"_s), newEvent(u"e"_s, u"pi"_s), newEvent(u"e"_s, u"pi"_s)},
        2000, true, &error);
    QVERIFY(again);
    QList<bool> duplicates;
    for (const InsertOutcome &outcome : *again)
        duplicates << outcome.duplicate;
    QCOMPARE(duplicates, (QList<bool>{true, false, true, false, false}));
    // a duplicate comes back as the stored original
    QCOMPARE(again->at(0).event.toJson(), first->at(0).event.toJson());
    QCOMPARE(store.query({}, &error)->size(), 4);
}

void tst_SqliteEventStore::batchIsAllOrNothing()
{
    SqliteEventStore store(path());
    QString error;
    QVERIFY(store.open(&error));
    QVERIFY(store.insert({newEvent(u"a"_s, u"pi"_s)}, 1000, false, &error));
    // Break the devices table so the transaction fails after the events were inserted.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"breaker"_s);
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(u"DROP TABLE devices"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"breaker"_s);
    QVERIFY(
        !store.insert({newEvent(u"b"_s, u"pi"_s), newEvent(u"c"_s, u"pi"_s)}, 2000, false, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(store.query({}, &error)->size(), 1);
}

void tst_SqliteEventStore::queryFilters()
{
    SqliteEventStore store(path());
    QString error;
    QVERIFY(store.open(&error));
    QVERIFY(store.insert({newEvent(u"a"_s, u"one"_s), newEvent(u"b"_s, u"one"_s)}, 1000, false,
                         &error));
    QVERIFY(store.insert({newEvent(u"a"_s, u"two"_s), newEvent(u"a"_s, u"one"_s)}, 5000, false,
                         &error));

    auto ids = [&](const EventQuery &query) {
        QList<qint64> found;
        const auto events = store.query(query, &error);
        for (const StoredEvent &event : *events)
            found << event.id;
        return found;
    };
    QCOMPARE(ids({}), (QList<qint64>{4, 3, 2, 1}));
    EventQuery limited;
    limited.limit = 2;
    QCOMPARE(ids(limited), (QList<qint64>{4, 3}));
    EventQuery byType;
    byType.type = u"a"_s;
    QCOMPARE(ids(byType), (QList<qint64>{4, 3, 1}));
    byType.deviceId = u"one"_s;
    QCOMPARE(ids(byType), (QList<qint64>{4, 1}));
    byType.beforeId = 4;
    QCOMPARE(ids(byType), (QList<qint64>{1}));
    EventQuery since;
    since.sinceMs = 5000;
    QCOMPARE(ids(since), (QList<qint64>{4, 3}));
    since.sinceMs = 5001;
    QCOMPARE(ids(since), QList<qint64>{});
}

void tst_SqliteEventStore::devicesSummary()
{
    SqliteEventStore store(path());
    QString error;
    QVERIFY(store.open(&error));
    QVERIFY(store.insert({newEvent(u"sensor_online"_s, u"pi"_s, {}, u"sensor-motion"_s),
                          newEvent(u"motion_detected"_s, u"pi"_s, {}, u"sensor-motion"_s),
                          newEvent(u"custom"_s, u"pi"_s)},
                         1000, false, &error));
    QVERIFY(store.insert({newEvent(u"sensor_offline"_s, u"pi"_s, {}, u"sensor-motion"_s)}, 2000,
                         false, &error));
    const auto devices = store.devices(1000, &error);
    QVERIFY2(devices, qPrintable(error));
    QCOMPARE(devices->size(), 2);
    const DeviceStatus &noSource = devices->at(0);
    QCOMPARE(noSource.source, QString());
    QVERIFY(!noSource.online.has_value());
    QCOMPARE(noSource.lastType, u"custom"_s);
    const DeviceStatus &motion = devices->at(1);
    QCOMPARE(motion.source, u"sensor-motion"_s);
    QCOMPARE(motion.online, std::optional<bool>(false));
    QCOMPARE(motion.lastSeenMs, 2000);
    QCOMPARE(motion.lastType, u"motion_detected"_s);
}

void tst_SqliteEventStore::modeDefaultsAndPersists()
{
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    {
        SqliteEventStore store(path());
        QString error;
        QVERIFY(store.open(&error));
        QCOMPARE(store.mode().mode, ModeState::Mode::Active);
        QVERIFY(store.mode().changedAtMs >= before); // the creation time of the database
        QVERIFY(store.setMode({ModeState::Mode::Surveillance, 12345}, &error));
    }
    SqliteEventStore store(path());
    QString error;
    QVERIFY(store.open(&error));
    QCOMPARE(store.mode().mode, ModeState::Mode::Surveillance);
    QCOMPARE(store.mode().changedAtMs, 12345);
}

void tst_SqliteEventStore::dataSurvivesReopen()
{
    {
        SqliteEventStore store(path());
        QString error;
        QVERIFY(store.open(&error));
        QVERIFY(store.insert({newEvent(u"a"_s, u"pi"_s, u"kept"_s)}, 1000, false, &error));
    }
    SqliteEventStore store(path());
    QString error;
    QVERIFY(store.open(&error));
    QCOMPARE(store.query({}, &error)->size(), 1);
    const auto again = store.insert({newEvent(u"a"_s, u"pi"_s, u"kept"_s)}, 2000, false, &error);
    QVERIFY(again && again->first().duplicate);
}

// DATABASE_SYNC=full must reach SQLite: read back on the store's own connection.
void tst_SqliteEventStore::syncModeReachesSqlite_data()
{
    QTest::addColumn<SqliteEventStore::Sync>("sync");
    QTest::addColumn<int>("pragma"); // SQLite's numbers: 1 NORMAL, 2 FULL
    QTest::addRow("normal") << SqliteEventStore::Sync::Normal << 1;
    QTest::addRow("full") << SqliteEventStore::Sync::Full << 2;
}

void tst_SqliteEventStore::syncModeReachesSqlite()
{
    QFETCH(SqliteEventStore::Sync, sync);
    QFETCH(int, pragma);
    SqliteEventStore store(path(), sync);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const QStringList names = QSqlDatabase::connectionNames();
    const auto name = std::find_if(names.begin(), names.end(), [](const QString &connection) {
        return connection.startsWith(u"vigil-store-"_s);
    });
    QVERIFY(name != names.end());
    QSqlQuery query(QSqlDatabase::database(*name, false));
    QVERIFY(query.exec(u"PRAGMA synchronous"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), pragma);
}

QTEST_GUILESS_MAIN(tst_SqliteEventStore)
#include "tst_sqliteeventstore.moc"

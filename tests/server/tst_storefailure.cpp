// The real vigil-server when its database cannot be written: a full file system (a real ENOSPC
// from a size-limited tmpfs), a read-only one, and a database another connection holds locked.
// Each time a write is 503 (never 500 or a 201 for an event that was not stored), /api/health
// says 503 while it lasts, and the server recovers by itself once the cause is gone, with
// nothing lost. The tmpfs cases need root (CI) and are skipped otherwise.
#include "freeport.h"
#include "guidepayloads.h"
#include "httptestclient.h"
#include "serverprocess.h"
#include "smallfilesystem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

using namespace GuidePayloads;

namespace {

constexpr qint64 FileSystemBytes = 4LL * 1024 * 1024;

QStringList eventIds(HttpTestClient &client)
{
    QStringList ids;
    const QJsonArray events = client.events();
    for (const QJsonValue &event : events)
        ids.prepend(event[u"details"_s][u"event_id"_s].toString());
    return ids;
}

QByteArray eventBody(const QString &eventId)
{
    return bytes(make(u"motion_detected"_s, u"pi"_s, eventId));
}

} // namespace

class tst_StoreFailure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullDiskIs503AndRecovers();
    void readOnlyDatabaseIs503AndRecovers();
    void lockedDatabaseIs503AndRecovers();
};

void tst_StoreFailure::fullDiskIs503AndRecovers()
{
    SmallFileSystem fs(FileSystemBytes);
    if (!fs.isMounted())
        QSKIP(qPrintable(fs.skipReason()));
    ServerProcess server({u"--database"_s, fs.filePath(u"vigil.db"_s)});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient client(server.url());
    QCOMPARE(client.post(u"/api/events"_s, eventBody(u"before"_s)).status, 201);

    QVERIFY(fs.fill());
    const auto refused = client.post(u"/api/events"_s, eventBody(u"during"_s));
    QCOMPARE(refused.status, 503);
    QVERIFY2(refused.json().object().value(u"error").toString().contains(u"storage"),
             refused.body.constData());
    QCOMPARE(
        client.post(u"/api/events"_s, bytes(QJsonArray{make(u"m"_s, u"pi"_s, u"batch"_s)})).status,
        503);
    QCOMPARE(client.get(u"/api/health"_s).status, 503);
    QCOMPARE(client.put(u"/api/mode"_s, R"({"mode": "surveillance"})").status, 503);

    fs.release();
    QCOMPARE(client.get(u"/api/health"_s).status, 200);
    QCOMPARE(client.post(u"/api/events"_s, eventBody(u"during"_s)).status, 201);
    const auto batch =
        client.post(u"/api/events"_s, bytes(QJsonArray{make(u"m"_s, u"pi"_s, u"batch"_s)}));
    QCOMPARE(batch.status, 200);
    QCOMPARE(batch.json().object().value(u"stored").toInt(), 1);
    QCOMPARE(client.put(u"/api/mode"_s, R"({"mode": "surveillance"})").status, 200);
    QCOMPARE(eventIds(client), (QStringList{u"before"_s, u"during"_s, u"batch"_s}));

    // Full again, then free: the WAL that could not grow (nor be checkpointed) is fine after.
    QVERIFY(fs.fill());
    QCOMPARE(client.post(u"/api/events"_s, eventBody(u"second"_s)).status, 503);
    fs.release();
    QCOMPARE(client.post(u"/api/events"_s, eventBody(u"second"_s)).status, 201);
    QVERIFY2(server.restart(&error), qPrintable(error));
    HttpTestClient after(server.url());
    QCOMPARE(eventIds(after), (QStringList{u"before"_s, u"during"_s, u"batch"_s, u"second"_s}));
    QCOMPARE(after.get(u"/api/mode"_s).json().object().value(u"mode").toString(),
             u"surveillance"_s);
    server.stop();
    QCOMPARE(server.exitCode(), 0);
}

// A file system that turned read-only (an SD card the kernel remounted after errors): the
// server still starts and serves reads, refuses writes with 503, and writes again once the file
// system is writable, without a restart.
void tst_StoreFailure::readOnlyDatabaseIs503AndRecovers()
{
    SmallFileSystem fs(FileSystemBytes);
    if (!fs.isMounted())
        QSKIP(qPrintable(fs.skipReason()));
    const QString database = fs.filePath(u"vigil.db"_s);
    const QString port = QString::number(FreePort::find());
    QString error;
    {
        ServerProcess first({u"--database"_s, database, u"--port"_s, port});
        QVERIFY2(first.start(&error), qPrintable(error));
        HttpTestClient client(first.url());
        QCOMPARE(client.post(u"/api/events"_s, eventBody(u"before"_s)).status, 201);
        // Killed, as when the kernel remounts a failing card: the WAL and its index stay, which
        // is what lets SQLite open the file read-only at all.
        first.kill();
    }
    QVERIFY(fs.setReadOnly(true));

    // Not ServerProcess::start(): that waits for a healthy server, which this one is not.
    ServerProcess server({u"--database"_s, database, u"--port"_s, port});
    server.setArguments({u"--database"_s, database, u"--port"_s, port});
    QVERIFY2(server.ProgramProcess::start(&error), qPrintable(error));
    QVERIFY2(server.waitForLog(u"listening on"_s), qPrintable(server.log()));
    HttpTestClient client(server.url());
    QCOMPARE(eventIds(client), QStringList{u"before"_s});
    QCOMPARE(client.post(u"/api/events"_s, eventBody(u"during"_s)).status, 503);
    QCOMPARE(client.get(u"/api/health"_s).status, 503);

    QVERIFY(fs.setReadOnly(false));
    QCOMPARE(client.get(u"/api/health"_s).status, 200);
    QCOMPARE(client.post(u"/api/events"_s, eventBody(u"during"_s)).status, 201);
    QCOMPARE(eventIds(client), (QStringList{u"before"_s, u"during"_s}));
    QCOMPARE(server.stop(), 0);
}

// Another program (a backup, an admin's sqlite3 shell) holding the write lock.
void tst_StoreFailure::lockedDatabaseIs503AndRecovers()
{
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient client(server.url());
    QCOMPARE(client.post(u"/api/events"_s, eventBody(u"before"_s)).status, 201);

    {
        QSqlDatabase locker = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"locker"_s);
        locker.setDatabaseName(server.databasePath());
        QVERIFY2(locker.open(), qPrintable(locker.lastError().text()));
        QSqlQuery lock(locker);
        QVERIFY2(lock.exec(u"BEGIN EXCLUSIVE"_s), qPrintable(lock.lastError().text()));

        QCOMPARE(client.post(u"/api/events"_s, eventBody(u"during"_s)).status, 503);
        QCOMPARE(client.get(u"/api/health"_s).status, 503);
        QCOMPARE(client.get(u"/api/events"_s).status, 200); // reads go on beside the lock

        QVERIFY(lock.exec(u"ROLLBACK"_s));
        lock.finish();
        locker.close();
    }
    QSqlDatabase::removeDatabase(u"locker"_s);
    QCOMPARE(client.get(u"/api/health"_s).status, 200);
    QCOMPARE(client.post(u"/api/events"_s, eventBody(u"during"_s)).status, 201);
    QCOMPARE(eventIds(client), (QStringList{u"before"_s, u"during"_s}));
    QCOMPARE(server.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_StoreFailure)
#include "tst_storefailure.moc"

// The backup procedure of docs/deploy.md: `sqlite3 vigil.db ".backup FILE"` while the server
// runs and writes gives a consistent copy, and a server started on that copy serves every event
// that was stored before the backup began.

#include "httptestclient.h"
#include "programprocess.h"
#include "serverprocess.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// As the bridge posts them.
QByteArray eventJson(int index)
{
    return R"({"type": "motion_detected", "device_id": "raspberry-1",
               "details": {"source": "sensor-motion", "mqtt_topic": "sensor/motion",
                           "data": {"presence": true, "gpio_pin": 17}, "event_id": "b-)" +
           QByteArray::number(index) + R"("}})";
}

// Runs sqlite3 as the docs do; returns its standard output, or a null array on failure.
QByteArray sqlite3(const QStringList &arguments)
{
    ProgramProcess process(u"sqlite3"_s, arguments);
    if (!process.start() || process.waitForExit(30000) != 0) {
        qWarning("sqlite3 failed: %s", process.errorOutput().constData());
        return {};
    }
    return process.standardOutput().trimmed() + ' ';
}

} // namespace

class tst_DatabaseBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlineBackupRestores();
};

void tst_DatabaseBackup::onlineBackupRestores()
{
    constexpr int Before = 200;
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient api(server.url());
    for (int i = 0; i < Before; ++i)
        QCOMPARE(api.post(u"/api/events"_s, eventJson(i)).status, 201);

    // The backup runs while the server keeps storing events.
    QTemporaryDir backups;
    QVERIFY(backups.isValid());
    const QString backup = backups.filePath(u"vigil-backup.db"_s);
    ProgramProcess backupProcess(u"sqlite3"_s,
                                 {server.databasePath(), u".backup '"_s + backup + u"'"_s});
    QVERIFY(backupProcess.start());
    int during = 0;
    // Each request runs the event loop, which notices the end of sqlite3.
    while ((backupProcess.isRunning() || during == 0) && during < 10000) {
        QCOMPARE(api.post(u"/api/events"_s, eventJson(Before + during)).status, 201);
        ++during;
    }
    QCOMPARE(backupProcess.waitForExit(30000), 0);
    QCOMPARE(sqlite3({backup, u"PRAGMA integrity_check;"_s}), QByteArray("ok "));
    server.stop();
    QCOMPARE(server.exitCode(), 0);

    // Restore: a server on the copy has everything stored before the backup began.
    ServerProcess restored({u"--database"_s, backup});
    QVERIFY2(restored.start(&error), qPrintable(error));
    HttpTestClient restoredApi(restored.url());
    const QJsonArray events = restoredApi.events();
    QVERIFY2(events.size() >= Before, qPrintable(QString::number(events.size())));
    for (int i = 0; i < Before; i += 37)
        QCOMPARE(restoredApi.eventsWithId(u"b-%1"_s.arg(i)).size(), 1);
    qInfo("backup taken while %d more events were being stored; it holds %lld", during,
          qlonglong(events.size()));
}

QTEST_GUILESS_MAIN(tst_DatabaseBackup)
#include "tst_databasebackup.moc"

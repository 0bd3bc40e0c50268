// The Forwarder against faults of its own outbox.
#include "bridgetestbackend.h"
#include "forwarder.h"
#include "guideoutboxevents.h"
#include "outbox.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Runs `sql` on the outbox file through a connection of its own, as another process would.
bool execElsewhere(const QString &path, const QString &sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"elsewhere"_s);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                qWarning() << sql << query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"elsewhere"_s);
    return ok;
}

} // namespace

class tst_ForwarderFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A failed read of the outbox left the forwarder idle until the next MQTT message woke it:
    // events waited for ever on a quiet night. Now the read is retried on the timer.
    void failedOutboxReadIsRetriedWithoutANewMessage()
    {
        BridgeTestBackend backend;
        QVERIFY(backend.listen());
        QTemporaryDir dir;
        Outbox outbox(dir.filePath(u"outbox.db"_s));
        QString error;
        QVERIFY2(outbox.open(Outbox::Sync::Normal, &error), qPrintable(error));
        QList<OutboxEvent> events = GuideOutboxEvents::motions(0, 5);
        QVERIFY2(outbox.append(&events, &error), qPrintable(error));

        Forwarder::Options options;
        options.backendUrl = backend.url();
        options.transferTimeoutMs = 500;
        Forwarder forwarder(&outbox, options);
        forwarder.setBackoffLimits(20, 200);
        // The table is away: the read fails, as on an I/O error.
        QVERIFY(execElsewhere(outbox.path(), u"ALTER TABLE outbox RENAME TO outbox_away"_s));
        forwarder.wake();
        QVERIFY(backend.requests().isEmpty());
        QVERIFY(execElsewhere(outbox.path(), u"ALTER TABLE outbox_away RENAME TO outbox"_s));
        // No wake(), no new event: the retry alone delivers them.
        QTRY_COMPARE_WITH_TIMEOUT(backend.stored().size(), 5, 5000);
        QTRY_COMPARE(outbox.depth(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_ForwarderFaults)
#include "tst_forwarderfaults.moc"

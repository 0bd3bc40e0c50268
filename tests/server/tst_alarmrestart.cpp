// The alarm's state and running timers survive a restart and a power cut (kill -9): a delay
// that ended while vigil-server was down takes effect at start, at the deadline's own time, as
// if the server had run; one that has not ended goes on to its original end.
#include "alarmtestserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

qint64 msOf(const QJsonValue &isoTime)
{
    return QDateTime::fromString(isoTime.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// Lets the wall clock pass `ms` (the point of these tests is that time passes while the server
// is down; nothing else is waited for).
void letTimePass(qint64 untilMs)
{
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() > untilMs, 30000);
}

} // namespace

class tst_AlarmRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exitDelayEndedWhileStopped();
    void entryDelayEndedDuringAPowerCut();
    void entryDelayAndTriggerTimeBothEndedWhileStopped();
    void runningDelayKeepsItsEndAcrossARestart();
    void guideModeDatabaseStartsArmed();
};

void tst_AlarmRestart::exitDelayEndedWhileStopped()
{
    AlarmTestServer server({1, 30, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QJsonObject arming = server.act(u"arm_away"_s).json().object();
    QCOMPARE(arming.value(u"state").toString(), u"arming"_s);
    QCOMPARE(server.process().stop(), 0);
    letTimePass(msOf(arming.value(u"delay_ends_at")) + 200);

    QVERIFY2(server.start(&error), qPrintable(error));
    const QJsonObject armed = server.alarm();
    QCOMPARE(armed.value(u"state").toString(), u"armed_away"_s);
    QCOMPARE(armed.value(u"changed_at"), arming.value(u"delay_ends_at"));
    const QJsonObject audit =
        server.http().get(u"/api/audit?limit=1"_s).json().array().first().toObject();
    QCOMPARE(audit.value(u"action").toString(), u"armed_away"_s);
    QCOMPARE(audit.value(u"at"), arming.value(u"delay_ends_at"));
}

void tst_AlarmRestart::entryDelayEndedDuringAPowerCut()
{
    AlarmTestServer server({0, 1, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    const QJsonObject event = server.motion(u"door"_s).json().object();
    const QJsonObject pending = server.alarm();
    QCOMPARE(pending.value(u"state").toString(), u"pending"_s);
    server.process().kill();
    letTimePass(msOf(pending.value(u"delay_ends_at")) + 200);

    QVERIFY2(server.start(&error), qPrintable(error));
    const QJsonObject triggered = server.alarm();
    QCOMPARE(triggered.value(u"state").toString(), u"triggered"_s);
    QCOMPARE(triggered.value(u"changed_at"), pending.value(u"delay_ends_at"));
    QCOMPARE(triggered.value(u"triggered_by").toObject().value(u"id").toInteger(),
             event.value(u"id").toInteger());
    QCOMPARE(msOf(triggered.value(u"delay_ends_at")) - msOf(triggered.value(u"changed_at")), 60000);
}

void tst_AlarmRestart::entryDelayAndTriggerTimeBothEndedWhileStopped()
{
    AlarmTestServer server({0, 1, 1});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_night"_s).status, 200);
    QCOMPARE(server.motion(u"door"_s).status, 201);
    const QJsonObject pending = server.alarm();
    QCOMPARE(pending.value(u"state").toString(), u"pending"_s);
    QCOMPARE(server.process().stop(), 0);
    letTimePass(msOf(pending.value(u"delay_ends_at")) + 1200);

    QVERIFY2(server.start(&error), qPrintable(error));
    const QJsonObject back = server.alarm();
    QCOMPARE(back.value(u"state").toString(), u"armed_night"_s);
    QCOMPARE(msOf(back.value(u"changed_at")), msOf(pending.value(u"delay_ends_at")) + 1000);
    QStringList actions;
    for (const QJsonValue &row : server.http().get(u"/api/audit?limit=3"_s).json().array())
        actions.prepend(row[u"action"].toString());
    QCOMPARE(actions, QStringList({u"pending"_s, u"triggered"_s, u"armed_night"_s}));
}

void tst_AlarmRestart::runningDelayKeepsItsEndAcrossARestart()
{
    AlarmTestServer server({2, 30, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QJsonObject arming = server.act(u"arm_away"_s).json().object();
    QVERIFY2(server.process().restart(&error), qPrintable(error));
    const QJsonObject still = server.alarm();
    QCOMPARE(still.value(u"state").toString(), u"arming"_s);
    QCOMPARE(still.value(u"delay_ends_at"), arming.value(u"delay_ends_at"));
    QTRY_COMPARE_WITH_TIMEOUT(server.state(), u"armed_away"_s, 10000);
    QCOMPARE(server.alarm().value(u"changed_at"), arming.value(u"delay_ends_at"));
}

void tst_AlarmRestart::guideModeDatabaseStartsArmed()
{
    // A database of the first wave in surveillance mode: the alarm starts armed away.
    AlarmTestServer server({});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.process().stop(), 0);
    const QString database = server.process().databasePath();
    QString output;
    const QString sql =
        u"DELETE FROM schema_version WHERE version = 3;"
        "DELETE FROM state WHERE key = 'alarm';"
        "UPDATE state SET value = 'surveillance' WHERE key = 'mode';"
        "DROP TABLE alarm_history; DROP TABLE users; DROP TABLE audit;"
        "ALTER TABLE devices DROP COLUMN name; ALTER TABLE devices DROP COLUMN role;"
        "ALTER TABLE events DROP COLUMN late;"_s;
    QCOMPARE(ProgramProcess::run(u"/usr/bin/sqlite3"_s, {database, sql}, &output), 0);
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.state(), u"armed_away"_s);
    QCOMPARE(server.http().get(u"/api/mode"_s).json().object().value(u"mode").toString(),
             u"surveillance"_s);
}

QTEST_GUILESS_MAIN(tst_AlarmRestart)
#include "tst_alarmrestart.moc"

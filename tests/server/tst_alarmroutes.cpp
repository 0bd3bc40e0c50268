// The alarm end to end on the real vigil-server over real HTTP and WebSocket, with delays of
// 1-2 s: every transition of the contract through /api/alarm, the sensor roles on
// /api/devices, the guide's /api/mode as a view, and an event judged by the moment it happened.
#include "alarmtestserver.h"
#include "feedclient.h"
#include "guidepayloads.h"
#include "utctime.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

qint64 msOf(const QJsonValue &isoTime)
{
    return QDateTime::fromString(isoTime.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

} // namespace

class tst_AlarmRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void armAwayWaitsForTheExitDelay();
    void armHomeAndNightArmAtOnce();
    void entrySensorStartsPendingThenTriggersThenRearms();
    void disarmDuringPendingStopsTheTrigger();
    void triggerDuringArmingAndRepeatedActions();
    void badActionsAre400();
    void rolesDecideWhatActs();
    void deviceRoleChangesAreChecked();
    void modeViewFollowsTheAlarm();
    void lateEventIsAnAlertThatChangesNothing();
    void redeliveredEventDoesNotActTwice();
};

void tst_AlarmRoutes::armAwayWaitsForTheExitDelay()
{
    AlarmTestServer server({1, 0, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    FeedClient feed;
    feed.open(FeedClient::feedUrl(server.process().url()));
    QTRY_COMPARE(feed.messagesOfKind(u"hello"_s).size(), 1);
    const QJsonObject hello = feed.messagesOfKind(u"hello"_s).first();
    QCOMPARE(hello.value(u"alarm").toObject().value(u"state").toString(), u"disarmed"_s);

    const auto reply = server.act(u"arm_away"_s);
    QCOMPARE(reply.status, 200);
    const QJsonObject arming = reply.json().object();
    QCOMPARE(arming.value(u"state").toString(), u"arming"_s);
    QCOMPARE(arming.value(u"armed_mode").toString(), u"armed_away"_s);
    QCOMPARE(msOf(arming.value(u"delay_ends_at")) - msOf(arming.value(u"changed_at")), 1000);
    QCOMPARE(arming.value(u"code_required").toObject(),
             QJsonObject({{u"arm"_s, false}, {u"disarm"_s, false}}));
    // A motion during the exit delay is the owner walking out: no alert.
    QCOMPARE(server.motion(u"hall"_s).json().object().value(u"alert").toBool(), false);

    QTRY_COMPARE(server.state(), u"armed_away"_s);
    const QJsonObject armed = server.alarm();
    QCOMPARE(armed.value(u"changed_at"), arming.value(u"delay_ends_at"));
    QCOMPARE(armed.value(u"delay_ends_at"), QJsonValue(QJsonValue::Null));
    QTRY_COMPARE(feed.messagesOfKind(u"alarm"_s).size(), 2);
    QCOMPARE(feed.messagesOfKind(u"alarm"_s).last().value(u"alarm").toObject().value(u"state"),
             u"armed_away"_s);
    // The guide's view changed once, when the arming began.
    QCOMPARE(feed.messagesOfKind(u"mode"_s).size(), 1);
}

void tst_AlarmRoutes::armHomeAndNightArmAtOnce()
{
    AlarmTestServer server({60, 30, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_home"_s).json().object().value(u"state").toString(), u"armed_home"_s);
    QCOMPARE(server.act(u"arm_night"_s).json().object().value(u"state").toString(),
             u"armed_night"_s);
    QCOMPARE(server.act(u"disarm"_s).json().object().value(u"state").toString(), u"disarmed"_s);
}

void tst_AlarmRoutes::entrySensorStartsPendingThenTriggersThenRearms()
{
    AlarmTestServer server({0, 1, 1});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_away"_s).json().object().value(u"state").toString(), u"armed_away"_s);

    const QJsonObject event = server.motion(u"door"_s).json().object();
    QCOMPARE(event.value(u"alert").toBool(), true);
    QVERIFY(!event.contains(u"late"));
    const QJsonObject pending = server.alarm();
    QCOMPARE(pending.value(u"state").toString(), u"pending"_s);
    const QJsonObject trigger = pending.value(u"triggered_by").toObject();
    QCOMPARE(trigger.value(u"id").toInteger(), event.value(u"id").toInteger());
    QCOMPARE(trigger.value(u"device_id").toString(), u"door"_s);
    QCOMPARE(trigger.value(u"source").toString(), u"sensor-motion"_s);

    QTRY_COMPARE(server.state(), u"triggered"_s);
    QCOMPARE(server.alarm().value(u"triggered_by").toObject(), trigger);
    QTRY_COMPARE(server.state(), u"armed_away"_s);

    const QJsonArray audit = server.http().get(u"/api/audit"_s).json().array();
    QStringList actions;
    for (const QJsonValue &row : audit)
        actions.prepend(row.toObject().value(u"action").toString());
    QCOMPARE(actions,
             QStringList({u"armed_away"_s, u"pending"_s, u"triggered"_s, u"armed_away"_s}));
}

void tst_AlarmRoutes::disarmDuringPendingStopsTheTrigger()
{
    AlarmTestServer server({0, 2, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    QCOMPARE(server.motion(u"door"_s).status, 201);
    QCOMPARE(server.state(), u"pending"_s);
    const QJsonObject disarmed = server.act(u"disarm"_s).json().object();
    QCOMPARE(disarmed.value(u"state").toString(), u"disarmed"_s);
    QCOMPARE(disarmed.value(u"triggered_by"), QJsonValue(QJsonValue::Null));
    const qint64 entryEnd = QDateTime::currentMSecsSinceEpoch() + 2500;
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > entryEnd);
    QCOMPARE(server.state(), u"disarmed"_s);
    QCOMPARE(server.motion(u"door"_s).json().object().value(u"alert").toBool(), false);
}

void tst_AlarmRoutes::triggerDuringArmingAndRepeatedActions()
{
    AlarmTestServer server({60, 30, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QJsonObject arming = server.act(u"arm_away"_s).json().object();
    QCOMPARE(arming.value(u"state").toString(), u"arming"_s);
    // Repeating it changes nothing, not even the time.
    const auto again = server.act(u"arm_away"_s);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json().object().value(u"changed_at"), arming.value(u"changed_at"));

    const QJsonObject triggered = server.act(u"trigger"_s).json().object();
    QCOMPARE(triggered.value(u"state").toString(), u"triggered"_s);
    QCOMPARE(triggered.value(u"armed_mode").toString(), u"armed_away"_s);
    QCOMPARE(triggered.value(u"triggered_by"), QJsonValue(QJsonValue::Null));
    // Re-arming does not silence a running alarm; disarming does.
    QCOMPARE(server.act(u"arm_home"_s).json().object().value(u"state").toString(), u"triggered"_s);
    QCOMPARE(server.act(u"disarm"_s).json().object().value(u"state").toString(), u"disarmed"_s);
    QCOMPARE(server.act(u"disarm"_s).status, 200);
}

void tst_AlarmRoutes::badActionsAre400()
{
    AlarmTestServer server({});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_everything"_s).status, 400);
    QCOMPARE(server.http().put(u"/api/alarm"_s, "{"_ba).status, 400);
    QCOMPARE(server.http().put(u"/api/alarm"_s, "[]"_ba).status, 400);
    QCOMPARE(server.http().put(u"/api/alarm"_s, R"({"action": 5})"_ba).status, 400);
    QCOMPARE(server.http().post(u"/api/alarm"_s, "{}"_ba).status, 405);
    QCOMPARE(server.state(), u"disarmed"_s);
}

void tst_AlarmRoutes::rolesDecideWhatActs()
{
    AlarmTestServer server({0, 30, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    for (const QString &device : {u"hall"_s, u"mat"_s, u"window"_s, u"panic"_s, u"cat"_s})
        QCOMPARE(server.motion(device).status, 201); // the rows exist once a sensor was seen
    QCOMPARE(server.setRole(u"hall"_s, u"interior"_s).status, 200);
    QCOMPARE(server.setRole(u"window"_s, u"instant"_s).status, 200);
    QCOMPARE(server.setRole(u"panic"_s, u"always"_s).status, 200);
    QCOMPARE(server.setRole(u"cat"_s, u"ignored"_s).status, 200);

    // Ignored never acts, even armed away.
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    QCOMPARE(server.motion(u"cat"_s).json().object().value(u"alert").toBool(), false);
    QCOMPARE(server.state(), u"armed_away"_s);
    // Armed home: the interior PIR is left out, the entry mat starts the entry delay.
    QCOMPARE(server.act(u"arm_home"_s).status, 200);
    QCOMPARE(server.motion(u"hall"_s).json().object().value(u"alert").toBool(), false);
    QCOMPARE(server.state(), u"armed_home"_s);
    QCOMPARE(server.motion(u"mat"_s).json().object().value(u"alert").toBool(), true);
    QCOMPARE(server.state(), u"pending"_s);
    // An instant sensor during the entry delay triggers at once.
    const QJsonObject window = server.motion(u"window"_s).json().object();
    QCOMPARE(server.state(), u"triggered"_s);
    QCOMPARE(server.alarm().value(u"triggered_by").toObject().value(u"id").toInteger(),
             window.value(u"id").toInteger());
    // Always acts even disarmed (a panic button).
    QCOMPARE(server.act(u"disarm"_s).status, 200);
    QCOMPARE(server.motion(u"mat"_s).json().object().value(u"alert").toBool(), false);
    QCOMPARE(server.motion(u"panic"_s).json().object().value(u"alert").toBool(), true);
    QCOMPARE(server.state(), u"triggered"_s);

    const QJsonArray devices = server.http().get(u"/api/devices"_s).json().array();
    QHash<QString, QString> roles;
    for (const QJsonValue &row : devices)
        roles.insert(row[u"device_id"].toString(), row[u"role"].toString());
    QCOMPARE(roles.value(u"mat"_s), u"entry"_s);
    QCOMPARE(roles.value(u"hall"_s), u"interior"_s);
}

void tst_AlarmRoutes::deviceRoleChangesAreChecked()
{
    AlarmTestServer server({});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.motion(u"door"_s).status, 201);
    // Unknown pair first, whatever the body says.
    QCOMPARE(server.setRole(u"nobody"_s, u"nonsense"_s).status, 404);
    QCOMPARE(server.setRole(u"door"_s, u"nonsense"_s).status, 400);
    const auto named = server.http().put(u"/api/devices/door/sensor-motion"_s,
                                         R"({"name": "Front door", "role": "instant"})"_ba);
    QCOMPARE(named.status, 200);
    QCOMPARE(named.json().object().value(u"name").toString(), u"Front door"_s);
    QCOMPARE(named.json().object().value(u"role").toString(), u"instant"_s);
    const QJsonObject row = server.http().get(u"/api/devices"_s).json().array().first().toObject();
    QCOMPARE(row.value(u"name").toString(), u"Front door"_s);
    QCOMPARE(row.value(u"role").toString(), u"instant"_s);
    QCOMPARE(server.http().put(u"/api/devices/door/sensor-motion"_s, R"({"name": 5})"_ba).status,
             400);
    const QJsonObject audit =
        server.http().get(u"/api/audit?limit=1"_s).json().array().first().toObject();
    QCOMPARE(audit.value(u"action").toString(), u"sensor_changed"_s);
    QVERIFY(audit.value(u"detail").toString().contains(u"instant"));

    // The log names the sensor that triggered by its name.
    QCOMPARE(server.act(u"arm_home"_s).status, 200);
    QCOMPARE(server.motion(u"door"_s).status, 201);
    const QJsonObject triggered =
        server.http().get(u"/api/audit?limit=1"_s).json().array().first().toObject();
    QCOMPARE(triggered.value(u"action").toString(), u"triggered"_s);
    QVERIFY2(triggered.value(u"detail").toString().startsWith(
                 u"sensor Front door (door/sensor-motion), event "_s),
             qPrintable(triggered.value(u"detail").toString()));
}

void tst_AlarmRoutes::modeViewFollowsTheAlarm()
{
    AlarmTestServer server({60, 30, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    FeedClient feed;
    feed.open(FeedClient::feedUrl(server.process().url()));
    QTRY_COMPARE(feed.messagesOfKind(u"hello"_s).size(), 1);

    // The guide's toggle arms away at once, without the exit delay.
    const auto on = server.http().put(u"/api/mode"_s, R"({"mode": "surveillance"})"_ba);
    QCOMPARE(on.status, 200);
    QCOMPARE(on.json().object().value(u"mode").toString(), u"surveillance"_s);
    QCOMPARE(server.state(), u"armed_away"_s);
    QCOMPARE(server.motion(u"door"_s).json().object().value(u"alert").toBool(), true);
    QCOMPARE(server.state(), u"pending"_s);
    // Every state but disarmed reads as surveillance, and changes nothing in the view.
    QCOMPARE(server.http().get(u"/api/mode"_s).json().object().value(u"mode").toString(),
             u"surveillance"_s);
    QCOMPARE(server.http().put(u"/api/mode"_s, R"({"mode": "active"})"_ba).status, 200);
    QCOMPARE(server.state(), u"disarmed"_s);
    QTRY_COMPARE(feed.messagesOfKind(u"mode"_s).size(), 2);
    QCOMPARE(feed.messagesOfKind(u"mode"_s).last().value(u"mode").toObject().value(u"mode"),
             u"active"_s);

    // arm_away through /api/alarm is seen as surveillance from its exit delay on.
    QCOMPARE(server.act(u"arm_away"_s).json().object().value(u"state").toString(), u"arming"_s);
    QCOMPARE(server.http().get(u"/api/mode"_s).json().object().value(u"mode").toString(),
             u"surveillance"_s);
}

void tst_AlarmRoutes::lateEventIsAnAlertThatChangesNothing()
{
    AlarmTestServer server({0, 30, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QJsonObject armed = server.act(u"arm_away"_s).json().object();
    const qint64 armedAt = msOf(armed.value(u"changed_at"));
    // Published while armed (the server was down for the bridge), delivered after a disarm.
    const qint64 happenedAt = armedAt + 100;
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > happenedAt + 100);
    QCOMPARE(server.act(u"disarm"_s).status, 200);
    const QJsonObject late =
        server.motion(u"door"_s, {{u"original_timestamp"_s, double(happenedAt) / 1000.0}})
            .json()
            .object();
    QCOMPARE(late.value(u"alert").toBool(), true);
    QCOMPARE(late.value(u"late").toBool(), true);
    QCOMPARE(server.state(), u"disarmed"_s);
    // The same as an ISO time, and one from before the database: judged on arrival.
    const QString iso = UtcTime::isoFromMSecs(happenedAt);
    QCOMPARE(server.motion(u"door"_s, {{u"original_timestamp"_s, iso}})
                 .json()
                 .object()
                 .value(u"late")
                 .toBool(),
             true);
    const QJsonObject ancient =
        server.motion(u"door"_s, {{u"original_timestamp"_s, 1000.0}}).json().object();
    QCOMPARE(ancient.value(u"alert").toBool(), false);
    QVERIFY(!ancient.contains(u"late"));
    // A time in the future is taken as the arrival too.
    const QJsonObject future =
        server.motion(u"door"_s, {{u"original_timestamp"_s, 4102444800.0}}).json().object();
    QCOMPARE(future.value(u"alert").toBool(), false);
    QCOMPARE(server.http().get(u"/api/events?limit=1"_s).json().array().first()[u"late"],
             QJsonValue(QJsonValue::Undefined));
}

void tst_AlarmRoutes::redeliveredEventDoesNotActTwice()
{
    AlarmTestServer server({0, 30, 60});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    const QJsonObject once{{u"event_id"_s, u"evt-once"_s}};
    QCOMPARE(server.motion(u"door"_s, once).status, 201);
    QCOMPARE(server.act(u"disarm"_s).status, 200);
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    // The outbox delivers it again: a duplicate, which must not start another entry delay.
    QCOMPARE(server.motion(u"door"_s, once).status, 200);
    QCOMPARE(server.state(), u"armed_away"_s);
}

QTEST_GUILESS_MAIN(tst_AlarmRoutes)
#include "tst_alarmroutes.moc"

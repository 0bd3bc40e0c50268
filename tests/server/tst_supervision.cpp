// Supervision on the real server: a bridge's heartbeats (POST /api/heartbeat), GET /api/bridges,
// a bridge silent for HEARTBEAT_TIMEOUT going offline (reported in the audit log while armed)
// and coming back, the bridges remembered across a restart, and a sensor's sensor_offline within
// and beyond OFFLINE_GRACE.
#include "alarmtestserver.h"
#include "guidepayloads.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QProcessEnvironment supervisionSettings(int heartbeatTimeout, int offlineGrace)
{
    QProcessEnvironment env;
    env.insert(u"HEARTBEAT_TIMEOUT"_s, QString::number(heartbeatTimeout));
    env.insert(u"OFFLINE_GRACE"_s, QString::number(offlineGrace));
    return env;
}

HttpTestClient::Reply heartbeat(AlarmTestServer &server, const QByteArray &body)
{
    return server.http().post(u"/api/heartbeat"_s, body);
}

QJsonObject bridge(AlarmTestServer &server, const QString &id)
{
    const QJsonArray bridges = server.http().get(u"/api/bridges"_s).json().array();
    for (const auto &row : bridges) {
        if (row.toObject().value(u"bridge_id").toString() == id)
            return row.toObject();
    }
    return {};
}

bool online(AlarmTestServer &server, const QString &id)
{
    return bridge(server, id).value(u"online").toBool();
}

// The audit rows' "action detail" lines, oldest first.
QStringList auditLines(AlarmTestServer &server)
{
    QStringList lines;
    const QJsonArray rows = server.http().get(u"/api/audit"_s).json().array();
    for (const auto &row : rows) {
        const QJsonObject entry = row.toObject();
        lines.prepend(entry.value(u"action").toString() + u' ' + entry.value(u"detail").toString());
    }
    return lines;
}

qsizetype countOf(const QStringList &lines, const QString &prefix)
{
    return std::count_if(lines.begin(), lines.end(),
                         [&](const QString &line) { return line.startsWith(prefix); });
}

HttpTestClient::Reply status(AlarmTestServer &server, const QString &type, const QString &device)
{
    return server.http().post(u"/api/events"_s, GuidePayloads::bytes(GuidePayloads::make(
                                                    type, device, {}, u"sensor-door"_s)));
}

} // namespace

class tst_Supervision : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badHeartbeatsAre400();
    void silentBridgeWhileArmedIsReportedThenBack();
    void silentBridgeWhileDisarmedIsShownNotReported();
    void bridgesAreRememberedAcrossARestart();
    void sensorOfflineBeyondTheGraceIsReported();
    void sensorBackWithinTheGraceIsNot();
};

void tst_Supervision::badHeartbeatsAre400()
{
    AlarmTestServer server({}, supervisionSettings(120, 60));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QList<QByteArray> bad{
        "{}",
        R"({"bridge_id": ""})",
        R"({"bridge_id": 5})",
        R"({"bridge_id": "house", "outbox_depth": -1})",
        R"({"bridge_id": "house", "outbox_depth": "3"})",
        R"({"bridge_id": "house", "dead_letters": 1.5})",
        "[1, 2]",
        "not json",
        GuidePayloads::bytes(QJsonObject{{u"bridge_id"_s, QString(65, u'x')}}),
    };
    for (const QByteArray &body : bad) {
        const auto reply = heartbeat(server, body);
        QVERIFY2(reply.status == 400, body.constData());
        QVERIFY2(!reply.json().object().value(u"error").toString().isEmpty(), body.constData());
    }
    QCOMPARE(server.http().get(u"/api/heartbeat"_s).status, 405);
    QCOMPARE(server.http().get(u"/api/bridges"_s).json().array(), QJsonArray());
    // Counts may be left out.
    QCOMPARE(heartbeat(server, R"({"bridge_id": "house"})").status, 204);
    QCOMPARE(bridge(server, u"house"_s).value(u"outbox_depth").toInteger(-1), 0);
}

void tst_Supervision::silentBridgeWhileArmedIsReportedThenBack()
{
    AlarmTestServer server({}, supervisionSettings(1, 60));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_home"_s).status, 200);
    const auto first =
        heartbeat(server, R"({"bridge_id": "house", "outbox_depth": 2, "dead_letters": 1})");
    QCOMPARE(first.status, 204);
    QVERIFY(first.body.isEmpty());
    const QJsonObject seen = bridge(server, u"house"_s);
    QCOMPARE(seen.value(u"online").toBool(), true);
    QCOMPARE(seen.value(u"outbox_depth").toInteger(), 2);
    QCOMPARE(seen.value(u"dead_letters").toInteger(), 1);
    QVERIFY(seen.value(u"last_seen").toString().endsWith(u'Z'));

    QTRY_VERIFY(!online(server, u"house"_s));
    QTRY_COMPARE(countOf(auditLines(server), u"site_offline bridge house"_s), 1);
    QCOMPARE(heartbeat(server, R"({"bridge_id": "house"})").status, 204);
    QVERIFY(online(server, u"house"_s));
    QCOMPARE(countOf(auditLines(server), u"site_online bridge house"_s), 1);
}

void tst_Supervision::silentBridgeWhileDisarmedIsShownNotReported()
{
    AlarmTestServer server({}, supervisionSettings(1, 60));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(heartbeat(server, R"({"bridge_id": "house"})").status, 204);
    QTRY_VERIFY(!online(server, u"house"_s));
    QCOMPARE(heartbeat(server, R"({"bridge_id": "house"})").status, 204);
    const QStringList lines = auditLines(server);
    QCOMPARE(countOf(lines, u"site_"_s), 0);
}

void tst_Supervision::bridgesAreRememberedAcrossARestart()
{
    // A house that loses its power while the server restarts is still reported.
    AlarmTestServer server({}, supervisionSettings(2, 60));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    QCOMPARE(heartbeat(server, R"({"bridge_id": "house"})").status, 204);
    QVERIFY2(server.process().restart(&error), qPrintable(error));
    const QJsonObject restored = bridge(server, u"house"_s);
    QCOMPARE(restored.value(u"online").toBool(), true); // it has one timeout to be heard
    QCOMPARE(restored.value(u"last_seen"), QJsonValue(QJsonValue::Null));
    QTRY_VERIFY(!online(server, u"house"_s));
    QTRY_COMPARE(countOf(auditLines(server), u"site_offline bridge house"_s), 1);
}

void tst_Supervision::sensorOfflineBeyondTheGraceIsReported()
{
    AlarmTestServer server({}, supervisionSettings(120, 1));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    QCOMPARE(status(server, u"sensor_offline"_s, u"door"_s).status, 201);
    QTRY_COMPARE(countOf(auditLines(server), u"sensor_offline sensor door/sensor-door"_s), 1);
    QCOMPARE(status(server, u"sensor_online"_s, u"door"_s).status, 201);
    QCOMPARE(countOf(auditLines(server), u"sensor_online sensor door/sensor-door"_s), 1);
}

void tst_Supervision::sensorBackWithinTheGraceIsNot()
{
    AlarmTestServer server({}, supervisionSettings(120, 2));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.act(u"arm_away"_s).status, 200);
    QCOMPARE(status(server, u"sensor_offline"_s, u"door"_s).status, 201);
    QCOMPARE(status(server, u"sensor_online"_s, u"door"_s).status, 201);
    // A second sensor that stays away: once it is reported, the first one's grace is long over.
    QCOMPARE(status(server, u"sensor_offline"_s, u"mat"_s).status, 201);
    QTRY_COMPARE(countOf(auditLines(server), u"sensor_offline sensor mat/"_s), 1);
    const QStringList lines = auditLines(server);
    QCOMPARE(countOf(lines, u"sensor_offline sensor door/"_s), 0);
    QCOMPARE(countOf(lines, u"sensor_online"_s), 0);
}

QTEST_GUILESS_MAIN(tst_Supervision)
#include "tst_supervision.moc"

// FeedParser, fed with the messages the contract defines: first what it reads (its typed
// signals), then what the views get when a ServerConnection's parser reads them (models, mode,
// alerts, the catch-up count). The link itself is tested against the real server in
// tst_serverconnection.
#include "feedclient.h"
#include "feedlimits.h"
#include "feedparser.h"
#include "httptestclient.h"
#include "jsonreader.h"
#include "serverconnection.h"
#include "serverprocess.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace {

QJsonObject storedEvent(qint64 id, const QString &type = u"motion_detected"_s, bool alert = false)
{
    return {{u"id"_s, id},
            {u"type"_s, type},
            {u"device_id"_s, u"raspberry-1"_s},
            {u"received_at"_s, u"2026-11-23T22:47:%1.000Z"_s.arg(id % 60, 2, 10, QChar(u'0'))},
            {u"alert"_s, alert},
            {u"details"_s, QJsonObject{{u"source"_s, u"sensor-motion"_s}}}};
}

QJsonObject modeObject(const QString &mode)
{
    return {{u"mode"_s, mode}, {u"changed_at"_s, u"2026-11-23T20:00:00.000Z"_s}};
}

QString hello(const QString &mode, const QList<qint64> &newestFirst, qint64 alertId = 0)
{
    QJsonArray events;
    for (qint64 id : newestFirst)
        events.append(storedEvent(id, u"motion_detected"_s, id == alertId));
    return QString::fromUtf8(QJsonDocument(QJsonObject{{u"kind"_s, u"hello"_s},
                                                       {u"mode"_s, modeObject(mode)},
                                                       {u"events"_s, events}})
                                 .toJson(QJsonDocument::Compact));
}

QString eventMessage(const QJsonObject &event)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"kind"_s, u"event"_s}, {u"event"_s, event}})
            .toJson(QJsonDocument::Compact));
}

QString modeMessage(const QString &mode)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"kind"_s, u"mode"_s}, {u"mode"_s, modeObject(mode)}})
            .toJson(QJsonDocument::Compact));
}

// GET /api/alarm's object as the contract shows it: an exit delay running, a code to disarm.
QJsonObject alarmObject(const QString &state = u"arming"_s)
{
    QJsonObject alarm = QJsonDocument::fromJson(R"({"state": "arming", "armed_mode": "armed_away",
        "delay_ends_at": "2026-12-01T20:00:30.000Z", "changed_at": "2026-12-01T20:00:00.000Z",
        "changed_by": "alice", "triggered_by": null,
        "code_required": {"arm": false, "disarm": true}})")
                            .object();
    alarm[u"state"_s] = state;
    return alarm;
}

QString alarmMessage(const QJsonObject &alarm)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{u"kind"_s, u"alarm"_s}, {u"alarm"_s, alarm}})
            .toJson(QJsonDocument::Compact));
}

QString helloWithAlarm(const QJsonObject &alarm)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject{{u"kind"_s, u"hello"_s},
                                                       {u"mode"_s, modeObject(u"surveillance"_s)},
                                                       {u"alarm"_s, alarm},
                                                       {u"events"_s, QJsonArray()}})
                                 .toJson(QJsonDocument::Compact));
}

// Everything one FeedParser reported.
struct Reports
{
    QList<FeedParser::Hello> hellos;
    QList<DashboardEvent> events;
    QList<FeedParser::Mode> modes;
    QList<DashboardAlarm> alarms;
    QStringList ignored;

    explicit Reports(FeedParser *parser)
    {
        QObject::connect(parser, &FeedParser::helloReceived, parser,
                         [this](const FeedParser::Hello &hello) { hellos.append(hello); });
        QObject::connect(parser, &FeedParser::eventReceived, parser,
                         [this](const DashboardEvent &event) { events.append(event); });
        QObject::connect(parser, &FeedParser::modeReceived, parser,
                         [this](const FeedParser::Mode &mode) { modes.append(mode); });
        QObject::connect(parser, &FeedParser::alarmReceived, parser,
                         [this](const DashboardAlarm &alarm) { alarms.append(alarm); });
        QObject::connect(parser, &FeedParser::messageIgnored, parser,
                         [this](const QString &reason) { ignored.append(reason); });
    }
    qsizetype total() const
    {
        return hellos.size() + events.size() + modes.size() + alarms.size() + ignored.size();
    }
};

// The text messages of one /ws connection of a real server, as the dashboard's socket gets them.
struct RawFeed
{
    QWebSocket socket;
    QStringList messages;

    explicit RawFeed(const QUrl &serverUrl)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &message) { messages.append(message); });
        socket.open(FeedClient::feedUrl(serverUrl));
    }
};

// An event body for POST /api/events whose details are nested until the whole body is `depth`
// deep (the body object 1, details 2, ...).
QByteArray nestedEventBody(int depth)
{
    QJsonObject inner{{u"leaf"_s, true}};
    for (int level = 3; level < depth; ++level)
        inner = QJsonObject{{u"n"_s, inner}};
    QJsonObject event{
        {u"type"_s, u"motion_detected"_s},
        {u"device_id"_s, u"deep-sensor"_s},
        {u"details"_s, QJsonObject{{u"source"_s, u"sensor-motion"_s}, {u"n"_s, inner}}}};
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

} // namespace

class TestFeedParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // What the parser reads.

    void aHelloIsReadWithItsModeAndEvents()
    {
        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(hello(u"surveillance"_s, {12, 11, 10}, 11));
        QCOMPARE(reports.total(), 1);
        QCOMPARE(reports.hellos.size(), 1);
        const FeedParser::Hello &read = reports.hellos.constFirst();
        QVERIFY(read.mode);
        QCOMPARE(read.mode->name, u"surveillance"_s);
        QCOMPARE(read.mode->changedAt,
                 QDateTime::fromString(u"2026-11-23T20:00:00.000Z"_s, Qt::ISODateWithMs));
        QCOMPARE(read.events.size(), 3);
        QCOMPARE(read.events.at(0).id, 12);
        QCOMPARE(read.events.at(2).id, 10);
        QVERIFY(read.events.at(1).alert);
        QVERIFY(!read.events.at(0).alert);
        QCOMPARE(read.events.at(0).source, u"sensor-motion"_s);
    }

    void aHelloKeepsWhatItCanRead()
    {
        FeedParser parser;
        Reports reports(&parser);
        QJsonArray events{storedEvent(3), QJsonObject{{u"id"_s, 2}}, storedEvent(1)};
        parser.handleMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject{{u"kind"_s, u"hello"_s},
                                                        {u"mode"_s, modeObject(u"party"_s)},
                                                        {u"events"_s, events}})
                                  .toJson(QJsonDocument::Compact)));
        QCOMPARE(reports.hellos.size(), 1);
        QVERIFY(!reports.hellos.constFirst().mode);
        QCOMPARE(reports.hellos.constFirst().events.size(), 2);
        QCOMPARE(reports.hellos.constFirst().events.at(1).id, 1);
    }

    void anEventAndAModeAreRead()
    {
        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(eventMessage(storedEvent(5, u"button_pressed"_s, true)));
        parser.handleMessage(modeMessage(u"active"_s));
        QCOMPARE(reports.total(), 2);
        QCOMPARE(reports.events.size(), 1);
        QCOMPARE(reports.events.constFirst().id, 5);
        QCOMPARE(reports.events.constFirst().type, u"button_pressed"_s);
        QCOMPARE(reports.events.constFirst().deviceId, u"raspberry-1"_s);
        QVERIFY(reports.events.constFirst().alert);
        QCOMPARE(reports.modes.size(), 1);
        QCOMPARE(reports.modes.constFirst().name, u"active"_s);
    }

    void aHelloFromAServerWithoutTheAlarmHasNone()
    {
        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(hello(u"surveillance"_s, {1}));
        QCOMPARE(reports.ignored, QStringList());
        QCOMPARE(reports.hellos.size(), 1);
        QVERIFY(!reports.hellos.constFirst().alarm);
        QVERIFY(reports.hellos.constFirst().mode);
    }

    void aHellosAlarmIsRead()
    {
        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(helloWithAlarm(alarmObject()));
        QCOMPARE(reports.total(), 1);
        const auto &alarm = reports.hellos.constFirst().alarm;
        QVERIFY(alarm);
        QCOMPARE(alarm->state, u"arming"_s);
        QCOMPARE(alarm->armedMode, u"armed_away"_s);
        QCOMPARE(alarm->delayEndsAt,
                 QDateTime::fromString(u"2026-12-01T20:00:30.000Z"_s, Qt::ISODateWithMs));
        QCOMPARE(alarm->changedAt,
                 QDateTime::fromString(u"2026-12-01T20:00:00.000Z"_s, Qt::ISODateWithMs));
        QCOMPARE(alarm->changedBy, u"alice"_s);
        QVERIFY(!alarm->triggeredBy);
        QVERIFY(!alarm->codeRequiredArm);
        QVERIFY(alarm->codeRequiredDisarm);
        // The mode is still read beside it, for the views of the guide's mode.
        QCOMPARE(reports.hellos.constFirst().mode->name, u"surveillance"_s);
    }

    void anAlarmMessageIsRead_data()
    {
        QTest::addColumn<QJsonObject>("alarm");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("armedMode");
        QTest::addColumn<bool>("delay");
        QTest::addColumn<QString>("trigger");
        QJsonObject disarmed = alarmObject(u"disarmed"_s);
        disarmed[u"armed_mode"_s] = QJsonValue::Null;
        disarmed[u"delay_ends_at"_s] = QJsonValue::Null;
        disarmed[u"changed_by"_s] = QJsonValue::Null;
        QTest::addRow("disarmed") << disarmed << u"disarmed"_s << QString() << false << QString();
        QTest::addRow("arming") << alarmObject() << u"arming"_s << u"armed_away"_s << true
                                << QString();
        QJsonObject pending = alarmObject(u"pending"_s);
        pending[u"triggered_by"_s] = QJsonObject{{u"device_id"_s, u"raspberry-1"_s},
                                                 {u"source"_s, u"sensor-motion"_s},
                                                 {u"event_id"_s, u"e-7"_s},
                                                 {u"id"_s, 7}};
        QTest::addRow("pending") << pending << u"pending"_s << u"armed_away"_s << true
                                 << u"raspberry-1/sensor-motion/7"_s;
        QJsonObject armed = alarmObject(u"armed_night"_s);
        armed[u"armed_mode"_s] = u"armed_night"_s;
        armed[u"delay_ends_at"_s] = QJsonValue::Null;
        armed[u"future_field"_s] = 42; // a newer server's: ignored
        QTest::addRow("armed night, newer server")
            << armed << u"armed_night"_s << u"armed_night"_s << false << QString();
    }

    void anAlarmMessageIsRead()
    {
        QFETCH(QJsonObject, alarm);
        QFETCH(QString, state);
        QFETCH(QString, armedMode);
        QFETCH(bool, delay);
        QFETCH(QString, trigger);
        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(alarmMessage(alarm));
        QCOMPARE(reports.ignored, QStringList());
        QCOMPARE(reports.alarms.size(), 1);
        const DashboardAlarm &read = reports.alarms.constFirst();
        QCOMPARE(read.state, state);
        QCOMPARE(read.armedMode, armedMode);
        QCOMPARE(read.delayEndsAt.isValid(), delay);
        const QString readTrigger =
            read.triggeredBy
                ? u"%1/%2/%3"_s.arg(read.triggeredBy->deviceId, read.triggeredBy->source)
                      .arg(read.triggeredBy->id)
                : QString();
        QCOMPARE(readTrigger, trigger);
    }

    void aHelloWithAnUnreadableAlarmKeepsTheRest()
    {
        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(helloWithAlarm(alarmObject(u"party"_s)));
        QCOMPARE(reports.hellos.size(), 1);
        QVERIFY(!reports.hellos.constFirst().alarm);
        QVERIFY(reports.hellos.constFirst().mode);
    }

    void badMessagesAreReportedAsIgnored_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addRow("not json") << u"hello?"_s;
        QTest::addRow("array") << u"[1,2]"_s;
        QTest::addRow("unknown kind") << uR"({"kind":"weather","sun":true})"_s;
        QTest::addRow("no kind") << uR"({"event":{"id":1}})"_s;
        QTest::addRow("event without id")
            << uR"({"kind":"event","event":{"type":"motion_detected","device_id":"a"}})"_s;
        QTest::addRow("unknown mode") << uR"({"kind":"mode","mode":{"mode":"party"}})"_s;
        QTest::addRow("unknown alarm state") << alarmMessage(alarmObject(u"party"_s));
        QTest::addRow("alarm without state") << uR"({"kind":"alarm","alarm":{}})"_s;
        QTest::addRow("too deep") << u"{\"kind\":\"event\",\"event\":"_s +
                                         QString(FeedParser::MaxDepth, u'[') +
                                         QString(FeedParser::MaxDepth, u']') + u"}"_s;
        QTest::addRow("too large") << eventMessage(
            QJsonObject{{u"id"_s, 1},
                        {u"type"_s, u"motion_detected"_s},
                        {u"device_id"_s, u"raspberry-1"_s},
                        {u"details"_s,
                         QJsonObject{{u"padding"_s, QString(FeedParser::MaxMessageBytes, u'x')}}}});
    }

    void badMessagesAreReportedAsIgnored()
    {
        QFETCH(QString, message);
        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(message);
        QCOMPARE(reports.total(), 1);
        QCOMPARE(reports.ignored.size(), 1);
        QVERIFY(!reports.ignored.constFirst().isEmpty());
    }

    void aMessageAtTheLimitIsRead()
    {
        QJsonObject event = storedEvent(1);
        event[u"details"_s] = QJsonObject{{u"padding"_s, QString()}};
        const qsizetype unpadded = eventMessage(event).toUtf8().size();
        event[u"details"_s] =
            QJsonObject{{u"padding"_s, QString(FeedParser::MaxMessageBytes - unpadded, u'x')}};
        const QString message = eventMessage(event);
        QCOMPARE(message.toUtf8().size(), FeedParser::MaxMessageBytes);
        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(message);
        QCOMPARE(reports.events.size(), 1);
        QCOMPARE(reports.ignored.size(), 0);
    }

    // What the real server sends. The dashboard dropped a hello (and so the whole list) that
    // held one event deeper or larger than its own limits, which were below the server's.

    void theDeepestEventTheServerStoresIsReadInTheHelloAndLive()
    {
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        HttpTestClient client(server.url());
        // The deepest the server takes, and it takes no deeper.
        QCOMPARE(
            client.post(u"/api/events"_s, nestedEventBody(JsonReader::DefaultMaxDepth + 1)).status,
            400);
        RawFeed live(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(live.messages.size(), 1, 10000); // the hello
        QCOMPARE(client.post(u"/api/events"_s, nestedEventBody(JsonReader::DefaultMaxDepth)).status,
                 201);
        QTRY_COMPARE_WITH_TIMEOUT(live.messages.size(), 2, 10000);

        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(live.messages.at(1));
        QCOMPARE(reports.ignored, QStringList());
        QCOMPARE(reports.events.size(), 1);
        QCOMPARE(reports.events.constFirst().deviceId, u"deep-sensor"_s);

        RawFeed later(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(later.messages.size(), 1, 10000);
        parser.handleMessage(later.messages.constFirst());
        QCOMPARE(reports.ignored, QStringList());
        QCOMPARE(reports.hellos.size(), 1);
        QCOMPARE(reports.hellos.constFirst().events.size(), 1);
    }

    void theLargestEventTheServerStoresIsRead()
    {
        // The largest MAX_BODY the server accepts, and a WebSocket buffer that lets it send it.
        const QString maxBody = QString::number(FeedLimits::MaxEventBodyBytes);
        ServerProcess server({u"--max-body"_s, maxBody, u"--ws-max-buffer"_s,
                              QString::number(2 * FeedLimits::MaxEventBodyBytes)});
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        HttpTestClient client(server.url());
        RawFeed live(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(live.messages.size(), 1, 10000);

        QJsonObject event{{u"type"_s, u"motion_detected"_s},
                          {u"device_id"_s, u"large-sensor"_s},
                          {u"details"_s, QJsonObject{{u"padding"_s, QString()}}}};
        const qsizetype unpadded = QJsonDocument(event).toJson(QJsonDocument::Compact).size();
        event[u"details"_s] =
            QJsonObject{{u"padding"_s, QString(FeedLimits::MaxEventBodyBytes - unpadded, u'x')}};
        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        QCOMPARE(body.size(), FeedLimits::MaxEventBodyBytes);
        QCOMPARE(client.post(u"/api/events"_s, body + ' ').status, 413); // the server's limit
        QCOMPARE(client.post(u"/api/events"_s, body).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(live.messages.size(), 2, 30000);

        FeedParser parser;
        Reports reports(&parser);
        parser.handleMessage(live.messages.at(1));
        QCOMPARE(reports.ignored, QStringList());
        QCOMPARE(reports.events.size(), 1);
        QCOMPARE(reports.events.constFirst().deviceId, u"large-sensor"_s);
    }

    // What a ServerConnection makes of what its parser reads.

    void helloFillsTheModelAndTheMode()
    {
        ServerConnection connection;
        FeedParser *feed = connection.feed();
        QAbstractItemModelTester tester(connection.events());
        QSignalSpy hasData(&connection, &ServerConnection::hasDataChanged);
        QSignalSpy mode(&connection, &ServerConnection::modeChanged);
        feed->handleMessage(hello(u"surveillance"_s, {12, 11, 10}, 11));
        QCOMPARE(connection.events()->count(), 3);
        QCOMPARE(connection.events()->newestId(), 12);
        QCOMPARE(connection.mode(), u"surveillance"_s);
        QVERIFY(connection.isSurveillance());
        QCOMPARE(connection.modeChangedAt(),
                 QDateTime::fromString(u"2026-11-23T20:00:00.000Z"_s, Qt::ISODateWithMs));
        QVERIFY(connection.hasData());
        QCOMPARE(hasData.size(), 1);
        QCOMPARE(mode.size(), 1);
        // History is not news: an old alert does not take over the screen at start-up.
        QVERIFY(!connection.alert()->isActive());
    }

    void aLiveAlertRaisesTheOverlayUntilAcknowledged()
    {
        ServerConnection connection;
        FeedParser *feed = connection.feed();
        feed->handleMessage(hello(u"surveillance"_s, {1}));
        QSignalSpy raised(connection.alert(), &AlertController::raised);
        feed->handleMessage(eventMessage(storedEvent(2, u"sensor_online"_s)));
        QVERIFY(!connection.alert()->isActive());
        feed->handleMessage(eventMessage(storedEvent(3, u"motion_detected"_s, true)));
        QVERIFY(connection.alert()->isActive());
        QCOMPARE(connection.alert()->eventId(), 3);
        QCOMPARE(connection.alert()->title(), u"Motion detected"_s);
        QCOMPARE(connection.alert()->deviceId(), u"raspberry-1"_s);
        feed->handleMessage(eventMessage(storedEvent(4, u"button_pressed"_s, true)));
        QCOMPARE(connection.alert()->pendingCount(), 2);
        QCOMPARE(connection.alert()->eventId(), 4);
        QCOMPARE(raised.size(), 2);
        connection.alert()->acknowledge();
        QVERIFY(!connection.alert()->isActive());
        QCOMPARE(connection.alert()->pendingCount(), 0);
    }

    void aRepeatedEventIsShownOnceAndRingsOnce()
    {
        ServerConnection connection;
        FeedParser *feed = connection.feed();
        feed->handleMessage(hello(u"surveillance"_s, {}));
        const QString message = eventMessage(storedEvent(5, u"motion_detected"_s, true));
        feed->handleMessage(message);
        feed->handleMessage(message);
        QCOMPARE(connection.events()->count(), 1);
        QCOMPARE(connection.alert()->pendingCount(), 1);
    }

    void aModeBroadcastChangesTheMode()
    {
        ServerConnection connection;
        FeedParser *feed = connection.feed();
        feed->handleMessage(hello(u"active"_s, {}));
        QSignalSpy mode(&connection, &ServerConnection::modeChanged);
        feed->handleMessage(modeMessage(u"surveillance"_s));
        QCOMPARE(connection.mode(), u"surveillance"_s);
        QCOMPARE(mode.size(), 1);
    }

    void anOlderServersHelloKeepsTheModeSwitch()
    {
        ServerConnection connection;
        connection.feed()->handleMessage(helloWithAlarm(alarmObject()));
        QVERIFY(connection.alarm()->isAvailable());
        QCOMPARE(connection.alarm()->state(), u"arming"_s);
        // Reconnected to a server from before the alarm: no alarm, the mode is what is left.
        QSignalSpy alarm(connection.alarm(), &AlarmControl::alarmChanged);
        connection.feed()->handleMessage(hello(u"surveillance"_s, {}));
        QVERIFY(!connection.alarm()->isAvailable());
        QCOMPARE(connection.alarm()->status(), AlarmControl::Status::Unknown);
        QCOMPARE(alarm.size(), 1);
        QVERIFY(connection.isSurveillance());
    }

    void anAlarmBroadcastChangesTheAlarm()
    {
        ServerConnection connection;
        FeedParser *feed = connection.feed();
        feed->handleMessage(helloWithAlarm(alarmObject()));
        QSignalSpy alarm(connection.alarm(), &AlarmControl::alarmChanged);
        QSignalSpy entry(connection.alarm(), &AlarmControl::entryDelayStarted);
        feed->handleMessage(alarmMessage(alarmObject())); // the same: no change
        QCOMPARE(alarm.size(), 0);
        feed->handleMessage(alarmMessage(alarmObject(u"pending"_s)));
        QCOMPARE(connection.alarm()->state(), u"pending"_s);
        QCOMPARE(alarm.size(), 1);
        QCOMPARE(entry.size(), 1);
        QVERIFY(connection.alert()->isRepeating());
        QJsonObject disarmed = alarmObject(u"disarmed"_s);
        disarmed[u"armed_mode"_s] = QJsonValue::Null;
        disarmed[u"delay_ends_at"_s] = QJsonValue::Null;
        feed->handleMessage(alarmMessage(disarmed));
        QVERIFY(connection.alarm()->isDisarmed());
        QVERIFY(!connection.alert()->isRepeating());
        QVERIFY(!connection.alarm()->isCounting());
    }

    void theRealServersHelloAndAlarmMessagesAreRead()
    {
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        HttpTestClient client(server.url());
        RawFeed live(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(live.messages.size(), 1, 10000); // the hello
        QCOMPARE(client.put(u"/api/alarm"_s, R"({"action": "arm_home"})"_ba).status, 200);
        // The alarm message, and the guide's mode view beside it, in either order.
        QTRY_COMPARE_WITH_TIMEOUT(live.messages.size(), 3, 10000);

        FeedParser parser;
        Reports reports(&parser);
        for (const QString &message : std::as_const(live.messages))
            parser.handleMessage(message);
        QCOMPARE(reports.ignored, QStringList());
        QCOMPARE(reports.hellos.size(), 1);
        QVERIFY(reports.hellos.constFirst().alarm);
        QCOMPARE(reports.hellos.constFirst().alarm->state, u"disarmed"_s);
        QVERIFY(!reports.hellos.constFirst().alarm->codeRequiredDisarm); // no user yet
        QCOMPARE(reports.alarms.size(), 1);
        QCOMPARE(reports.alarms.constFirst().state, u"armed_home"_s);
        QCOMPARE(reports.alarms.constFirst().armedMode, u"armed_home"_s);
        QVERIFY(reports.alarms.constFirst().changedAt.isValid());
        QCOMPARE(reports.modes.size(), 1);
        QCOMPARE(reports.modes.constFirst().name, u"surveillance"_s);
    }

    void badMessagesAreIgnoredAndLoseNothing_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addRow("not json") << u"hello?"_s;
        QTest::addRow("array") << u"[1,2]"_s;
        QTest::addRow("unknown kind") << uR"({"kind":"weather","sun":true})"_s;
        QTest::addRow("event without id")
            << uR"({"kind":"event","event":{"type":"motion_detected","device_id":"a"}})"_s;
        QTest::addRow("unknown mode") << uR"({"kind":"mode","mode":{"mode":"party"}})"_s;
    }

    void badMessagesAreIgnoredAndLoseNothing()
    {
        QFETCH(QString, message);
        ServerConnection connection;
        FeedParser *feed = connection.feed();
        feed->handleMessage(hello(u"active"_s, {2, 1}));
        feed->handleMessage(message);
        QCOMPARE(connection.events()->count(), 2);
        QCOMPARE(connection.mode(), u"active"_s);
        feed->handleMessage(eventMessage(storedEvent(3)));
        QCOMPARE(connection.events()->count(), 3);
    }

    void aSecondHelloMergesAndRingsForTheMissedAlerts()
    {
        ServerConnection connection;
        FeedParser *feed = connection.feed();
        feed->handleMessage(hello(u"surveillance"_s, {2, 1}));
        QSignalSpy caughtUp(&connection, &ServerConnection::caughtUp);
        // After a short outage the server's newest 50 reach back past what we had.
        feed->handleMessage(hello(u"surveillance"_s, {4, 3, 2, 1}, 4));
        QCOMPARE(connection.events()->count(), 4);
        QVERIFY(connection.alert()->isActive());
        QCOMPARE(connection.alert()->eventId(), 4);
        QCOMPARE(caughtUp.size(), 1);
        QCOMPARE(caughtUp.constFirst().constFirst().toInt(), 2);
    }

    void aServerWithANewDatabaseReplacesTheList()
    {
        ServerConnection connection;
        FeedParser *feed = connection.feed();
        feed->handleMessage(hello(u"active"_s, {90, 89}));
        feed->handleMessage(hello(u"active"_s, {2, 1}));
        QCOMPARE(connection.events()->count(), 2);
        QCOMPARE(connection.events()->newestId(), 2);
    }
};

QTEST_GUILESS_MAIN(TestFeedParser)
#include "tst_feedparser.moc"

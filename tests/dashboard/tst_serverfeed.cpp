// ServerConnection's reading of the feed (serverfeed.cpp), fed with the messages the contract
// defines. The link itself is tested against the real server in tst_serverconnection.
#include "serverconnection.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

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

} // namespace

class TestServerFeed : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helloFillsTheModelAndTheMode()
    {
        ServerConnection connection;
        QAbstractItemModelTester tester(connection.events());
        QSignalSpy hasData(&connection, &ServerConnection::hasDataChanged);
        QSignalSpy mode(&connection, &ServerConnection::modeChanged);
        connection.handleMessage(hello(u"surveillance"_s, {12, 11, 10}, 11));
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
        connection.handleMessage(hello(u"surveillance"_s, {1}));
        QSignalSpy raised(connection.alert(), &AlertController::raised);
        connection.handleMessage(eventMessage(storedEvent(2, u"sensor_online"_s)));
        QVERIFY(!connection.alert()->isActive());
        connection.handleMessage(eventMessage(storedEvent(3, u"motion_detected"_s, true)));
        QVERIFY(connection.alert()->isActive());
        QCOMPARE(connection.alert()->eventId(), 3);
        QCOMPARE(connection.alert()->title(), u"Motion detected"_s);
        QCOMPARE(connection.alert()->deviceId(), u"raspberry-1"_s);
        connection.handleMessage(eventMessage(storedEvent(4, u"button_pressed"_s, true)));
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
        connection.handleMessage(hello(u"surveillance"_s, {}));
        const QString message = eventMessage(storedEvent(5, u"motion_detected"_s, true));
        connection.handleMessage(message);
        connection.handleMessage(message);
        QCOMPARE(connection.events()->count(), 1);
        QCOMPARE(connection.alert()->pendingCount(), 1);
    }

    void aModeBroadcastChangesTheMode()
    {
        ServerConnection connection;
        connection.handleMessage(hello(u"active"_s, {}));
        QSignalSpy mode(&connection, &ServerConnection::modeChanged);
        connection.handleMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject{{u"kind"_s, u"mode"_s},
                                                        {u"mode"_s, modeObject(u"surveillance"_s)}})
                                  .toJson(QJsonDocument::Compact)));
        QCOMPARE(connection.mode(), u"surveillance"_s);
        QCOMPARE(mode.size(), 1);
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
        connection.handleMessage(hello(u"active"_s, {2, 1}));
        connection.handleMessage(message);
        QCOMPARE(connection.events()->count(), 2);
        QCOMPARE(connection.mode(), u"active"_s);
        connection.handleMessage(eventMessage(storedEvent(3)));
        QCOMPARE(connection.events()->count(), 3);
    }

    void aSecondHelloMergesAndRingsForTheMissedAlerts()
    {
        ServerConnection connection;
        connection.handleMessage(hello(u"surveillance"_s, {2, 1}));
        QSignalSpy caughtUp(&connection, &ServerConnection::caughtUp);
        // After a short outage the server's newest 50 reach back past what we had.
        connection.handleMessage(hello(u"surveillance"_s, {4, 3, 2, 1}, 4));
        QCOMPARE(connection.events()->count(), 4);
        QVERIFY(connection.alert()->isActive());
        QCOMPARE(connection.alert()->eventId(), 4);
        QCOMPARE(caughtUp.size(), 1);
        QCOMPARE(caughtUp.constFirst().constFirst().toInt(), 2);
    }

    void aServerWithANewDatabaseReplacesTheList()
    {
        ServerConnection connection;
        connection.handleMessage(hello(u"active"_s, {90, 89}));
        connection.handleMessage(hello(u"active"_s, {2, 1}));
        QCOMPARE(connection.events()->count(), 2);
        QCOMPARE(connection.events()->newestId(), 2);
    }
};

QTEST_GUILESS_MAIN(TestServerFeed)
#include "tst_serverfeed.moc"

// AlertRule, the one place that says which arriving events are alerts, with a set clock.
#include "alertrule.h"
#include "utctime.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

class tst_AlertRule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void raisesAlert_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QStringList>("alertTypes");
        QTest::addColumn<bool>("alert");

        const QStringList defaults{u"motion_detected"_s, u"button_pressed"_s};
        QTest::addRow("surveillance, motion")
            << u"surveillance"_s << u"motion_detected"_s << defaults << true;
        QTest::addRow("surveillance, button")
            << u"surveillance"_s << u"button_pressed"_s << defaults << true;
        QTest::addRow("surveillance, status is no alert")
            << u"surveillance"_s << u"sensor_offline"_s << defaults << false;
        QTest::addRow("surveillance, unknown type")
            << u"surveillance"_s << u"door_opened"_s << defaults << false;
        QTest::addRow("active, motion") << u"active"_s << u"motion_detected"_s << defaults << false;
        QTest::addRow("active, button") << u"active"_s << u"button_pressed"_s << defaults << false;
        QTest::addRow("surveillance, configured type")
            << u"surveillance"_s << u"door_opened"_s << QStringList{u"door_opened"_s} << true;
        QTest::addRow("surveillance, type no longer configured")
            << u"surveillance"_s << u"motion_detected"_s << QStringList{u"door_opened"_s} << false;
        QTest::addRow("surveillance, no alert types")
            << u"surveillance"_s << u"motion_detected"_s << QStringList{} << false;
        QTest::addRow("surveillance, types are case-sensitive")
            << u"surveillance"_s << u"Motion_Detected"_s << defaults << false;
        QTest::addRow("active, configured type")
            << u"active"_s << u"door_opened"_s << QStringList{u"door_opened"_s} << false;
    }

    void raisesAlert()
    {
        QFETCH(QString, mode);
        QFETCH(QString, type);
        QFETCH(QStringList, alertTypes);
        QFETCH(bool, alert);

        const std::optional<ModeState::Mode> parsed = ModeState::fromName(mode);
        QVERIFY(parsed);
        const AlertRule rule(alertTypes, [] { return QDateTime(); });
        QCOMPARE(rule.raisesAlert(ModeState{*parsed, 0}, type), alert);
    }

    void receivedAtComesFromTheClock_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<qint64>("receivedAtMs");

        QTest::addRow("utc") << UtcTime::fromDateTime(QDate(2026, 11, 23), QTime(22, 47, 11, 250))
                             << Q_INT64_C(1795474031250);
        QTest::addRow("offset zone, same instant")
            << QDateTime(QDate(2026, 11, 23), QTime(23, 47, 11, 250), QTimeZone(3600))
            << Q_INT64_C(1795474031250);
        QTest::addRow("epoch") << UtcTime::fromMSecs(0) << Q_INT64_C(0);
    }

    void receivedAtComesFromTheClock()
    {
        QFETCH(QDateTime, now);
        QFETCH(qint64, receivedAtMs);

        const AlertRule rule({u"motion_detected"_s}, [now] { return now; });
        QCOMPARE(rule.receivedAtMs(), receivedAtMs);
    }

    void theClockIsAskedEachTime()
    {
        qint64 nowMs = 1000;
        const AlertRule rule({}, [&nowMs] { return UtcTime::fromMSecs(nowMs); });
        QCOMPARE(rule.receivedAtMs(), 1000);
        nowMs = 61000;
        QCOMPARE(rule.receivedAtMs(), 61000);
    }

    void theDefaultClockIsTheSystemTime()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const qint64 received = AlertRule({}).receivedAtMs();
        QVERIFY(received >= before);
        QVERIFY(received <= QDateTime::currentMSecsSinceEpoch());
    }
};

QTEST_GUILESS_MAIN(tst_AlertRule)
#include "tst_alertrule.moc"

#include "eventlistmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDateTime BaseTime = QDateTime::fromString(u"2026-11-23T22:47:11.123Z"_s, Qt::ISODateWithMs);

DashboardEvent makeEvent(qint64 id, const QString &type = u"motion_detected"_s,
                         const QJsonObject &data = {}, bool alert = false)
{
    QJsonObject object{{u"id"_s, id},
                       {u"type"_s, type},
                       {u"device_id"_s, u"raspberry-1"_s},
                       {u"received_at"_s, BaseTime.toString(Qt::ISODateWithMs)},
                       {u"alert"_s, alert},
                       {u"details"_s, QJsonObject{{u"source"_s, u"sensor-motion"_s},
                                                  {u"event_id"_s, u"e-%1"_s.arg(id)},
                                                  {u"data"_s, data}}}};
    QString error;
    const auto event = DashboardEvent::fromJson(object, &error);
    Q_ASSERT(event);
    return *event;
}

QList<qint64> ids(const EventListModel &model)
{
    QList<qint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row).data(EventListModel::EventIdRole).toLongLong();
    return result;
}

} // namespace

class TestEventListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsNewestFirstWhateverTheArrivalOrder()
    {
        EventListModel model;
        QAbstractItemModelTester tester(&model);
        for (qint64 id : {2, 5, 3, 1, 4})
            QVERIFY(model.add(makeEvent(id)));
        QCOMPARE(ids(model), (QList<qint64>{5, 4, 3, 2, 1}));
        QCOMPARE(model.newestId(), 5);
        QCOMPARE(model.oldestId(), 1);
    }

    void ignoresAnIdItAlreadyHas()
    {
        EventListModel model;
        QAbstractItemModelTester tester(&model);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QVERIFY(model.add(makeEvent(7)));
        QVERIFY(!model.add(makeEvent(7, u"button_pressed"_s)));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.index(0).data(EventListModel::TypeRole).toString(), u"motion_detected"_s);
    }

    void dropsTheOldestBeyondItsCapacity()
    {
        EventListModel model;
        QAbstractItemModelTester tester(&model);
        model.setCapacity(3);
        QSignalSpy count(&model, &EventListModel::countChanged);
        for (qint64 id = 1; id <= 5; ++id)
            model.add(makeEvent(id));
        QCOMPARE(ids(model), (QList<qint64>{5, 4, 3}));
        QCOMPARE(model.count(), 3);
        QVERIFY(count.size() >= 3);
        // Older than everything kept: refused, and the dropped ids can come back later only
        // if they fit.
        QVERIFY(!model.add(makeEvent(2)));
        QVERIFY(!model.contains(1));
        QVERIFY(model.add(makeEvent(6)));
        QCOMPARE(ids(model), (QList<qint64>{6, 5, 4}));
    }

    void exposesTheRolesTheViewsUse_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("data");
        QTest::addColumn<bool>("alert");
        QTest::addColumn<QString>("iconName");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("summary");

        QTest::addRow("motion") << u"motion_detected"_s
                                << QJsonObject{{u"presence"_s, true}, {u"gpio_pin"_s, 17}} << true
                                << u"motion"_s << u"Motion detected"_s << u"GPIO 17"_s;
        QTest::addRow("pressure") << u"button_pressed"_s
                                  << QJsonObject{{u"pressure"_s, u"high"_s},
                                                 {u"duration_ms"_s, 500},
                                                 {u"gpio_pin"_s, 27}}
                                  << false << u"button"_s << u"Pressure detected"_s
                                  << u"500 ms · GPIO 27 · pressure: high"_s;
        QTest::addRow("online") << u"sensor_online"_s << QJsonObject{} << false << u"online"_s
                                << u"Sensor online"_s << QString();
        QTest::addRow("offline") << u"sensor_offline"_s << QJsonObject{} << false << u"offline"_s
                                 << u"Sensor offline"_s << QString();
        QTest::addRow("unknown type")
            << u"door_opened"_s << QJsonObject{{u"door"_s, u"front"_s}, {u"n"_s, 2}} << false
            << u"event"_s << u"door_opened"_s << u"door: front · n: 2"_s;
    }

    void exposesTheRolesTheViewsUse()
    {
        QFETCH(QString, type);
        QFETCH(QJsonObject, data);
        QFETCH(bool, alert);
        QFETCH(QString, iconName);
        QFETCH(QString, title);
        QFETCH(QString, summary);
        EventListModel model;
        QAbstractItemModelTester tester(&model);
        model.add(makeEvent(42, type, data, alert));
        const QModelIndex index = model.index(0);
        QCOMPARE(index.data(EventListModel::EventIdRole).toLongLong(), 42);
        QCOMPARE(index.data(EventListModel::TypeRole).toString(), type);
        QCOMPARE(index.data(EventListModel::DeviceIdRole).toString(), u"raspberry-1"_s);
        QCOMPARE(index.data(EventListModel::SourceRole).toString(), u"sensor-motion"_s);
        QCOMPARE(index.data(EventListModel::ReceivedAtRole).toDateTime(), BaseTime);
        QCOMPARE(index.data(EventListModel::AlertRole).toBool(), alert);
        QCOMPARE(index.data(EventListModel::IconNameRole).toString(), iconName);
        QCOMPARE(index.data(EventListModel::TitleRole).toString(), title);
        QCOMPARE(index.data(EventListModel::SummaryRole).toString(), summary);
        const QVariantMap details = index.data(EventListModel::DetailsRole).toMap();
        QCOMPARE(details.value(u"event_id"_s).toString(), u"e-42"_s);
        QCOMPARE(model.roleNames().value(EventListModel::IconNameRole), "iconName");
    }

    void relativeTimeFollowsTheClock_data()
    {
        QTest::addColumn<qint64>("ageSeconds");
        QTest::addColumn<QString>("expected");
        QTest::addRow("fresh") << qint64(10) << u"just now"_s;
        QTest::addRow("slightly in the future") << qint64(-20) << u"just now"_s;
        QTest::addRow("minutes") << qint64(5 * 60) << u"5 min ago"_s;
        QTest::addRow("hours") << qint64(3 * 3600 + 100) << u"3 h ago"_s;
    }

    void relativeTimeFollowsTheClock()
    {
        QFETCH(qint64, ageSeconds);
        QFETCH(QString, expected);
        EventListModel model;
        QAbstractItemModelTester tester(&model);
        model.add(makeEvent(1));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setClock([ageSeconds] { return BaseTime.addSecs(ageSeconds); });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.constFirst().at(2).value<QList<int>>(),
                 QList<int>{EventListModel::RelativeTimeRole});
        QCOMPARE(model.index(0).data(EventListModel::RelativeTimeRole).toString(), expected);
    }

    void refusesAnEventWithoutIdTypeOrDevice_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addRow("no id") << R"({"type":"motion_detected","device_id":"a"})"_ba;
        QTest::addRow("zero id") << R"({"id":0,"type":"motion_detected","device_id":"a"})"_ba;
        QTest::addRow("no type") << R"({"id":3,"device_id":"a"})"_ba;
        QTest::addRow("no device") << R"({"id":3,"type":"motion_detected"})"_ba;
        QTest::addRow("id as text") << R"({"id":"3","type":"x","device_id":"a"})"_ba;
    }

    void refusesAnEventWithoutIdTypeOrDevice()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!DashboardEvent::fromJson(QJsonDocument::fromJson(json).object(), &error));
        QVERIFY(!error.isEmpty());
    }

    void clearEmptiesEverything()
    {
        EventListModel model;
        QAbstractItemModelTester tester(&model);
        model.add(makeEvent(1));
        model.add(makeEvent(2));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.contains(1));
        QVERIFY(model.add(makeEvent(1)));
    }
};

QTEST_GUILESS_MAIN(TestEventListModel)
#include "tst_eventlistmodel.moc"

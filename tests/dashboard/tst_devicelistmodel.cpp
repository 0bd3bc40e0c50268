#include "devicelistmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonArray devicesJson()
{
    return QJsonDocument::fromJson(R"([
        {"device_id": "raspberry-2", "source": "sensor-pressure", "online": false,
         "last_seen": "2026-11-23T22:40:00.000Z", "last_type": "button_pressed"},
        {"device_id": "raspberry-1", "source": "sensor-motion", "online": true,
         "last_seen": "2026-11-23T22:47:11.123Z", "last_type": "motion_detected"},
        {"device_id": "legacy", "source": "sensor-door", "online": null,
         "last_seen": "2026-11-23T20:00:00.000Z", "last_type": "door_opened"},
        {"source": "no-device-id"}
    ])")
        .array();
}

DashboardEvent statusEvent(const QString &type, const QString &receivedAt,
                           const QString &device = u"raspberry-2"_s,
                           const QString &source = u"sensor-pressure"_s)
{
    const QJsonObject object{{u"id"_s, 9},
                             {u"type"_s, type},
                             {u"device_id"_s, device},
                             {u"received_at"_s, receivedAt},
                             {u"details"_s, QJsonObject{{u"source"_s, source}}}};
    return *DashboardEvent::fromJson(object, nullptr);
}

QString status(const DeviceListModel &model, int row)
{
    return model.index(row).data(DeviceListModel::StatusRole).toString();
}

} // namespace

class TestDeviceListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsTheServersListSorted()
    {
        DeviceListModel model;
        QAbstractItemModelTester tester(&model);
        QSignalSpy online(&model, &DeviceListModel::onlineCountChanged);
        model.setDevices(devicesJson());
        QCOMPARE(model.rowCount(), 3); // the row without a device_id is skipped
        QCOMPARE(model.index(0).data(DeviceListModel::DeviceIdRole).toString(), u"legacy"_s);
        QCOMPARE(status(model, 0), u"unknown"_s);
        QCOMPARE(model.index(1).data(DeviceListModel::SourceRole).toString(), u"sensor-motion"_s);
        QCOMPARE(status(model, 1), u"online"_s);
        QCOMPARE(status(model, 2), u"offline"_s);
        QCOMPARE(model.index(2).data(DeviceListModel::LastTypeRole).toString(),
                 u"button_pressed"_s);
        QCOMPARE(model.index(1).data(DeviceListModel::LastSeenRole).toDateTime(),
                 QDateTime::fromString(u"2026-11-23T22:47:11.123Z"_s, Qt::ISODateWithMs));
        QCOMPARE(model.onlineCount(), 1);
        QCOMPARE(online.size(), 1);
    }

    void aRefreshWithTheSameSensorsUpdatesInPlace()
    {
        DeviceListModel model;
        QAbstractItemModelTester tester(&model);
        model.setDevices(devicesJson());
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QJsonArray refreshed = devicesJson();
        QJsonObject pressure = refreshed.at(0).toObject();
        pressure[u"online"_s] = true;
        refreshed[0] = pressure;
        model.setDevices(refreshed);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(status(model, 2), u"online"_s);
        QCOMPARE(model.onlineCount(), 2);

        refreshed.removeAt(1);
        model.setDevices(refreshed);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.count(), 2);
    }

    void statusEventsTurnASensorOnAndOff()
    {
        DeviceListModel model;
        QAbstractItemModelTester tester(&model);
        model.setDevices(devicesJson());
        QVERIFY(model.applyEvent(statusEvent(u"sensor_online"_s, u"2026-11-23T22:50:00.000Z"_s)));
        QCOMPARE(status(model, 2), u"online"_s);
        QCOMPARE(model.onlineCount(), 2);
        QVERIFY(model.applyEvent(statusEvent(u"button_pressed"_s, u"2026-11-23T22:51:00.000Z"_s)));
        QCOMPARE(status(model, 2), u"online"_s);
        QVERIFY(model.applyEvent(statusEvent(u"sensor_offline"_s, u"2026-11-23T22:52:00.000Z"_s)));
        QCOMPARE(status(model, 2), u"offline"_s);
    }

    void anOlderCaughtUpEventDoesNotTurnTheStateBack()
    {
        DeviceListModel model;
        model.setDevices(devicesJson());
        QVERIFY(model.applyEvent(statusEvent(u"sensor_online"_s, u"2026-11-23T22:10:00.000Z"_s)));
        QCOMPARE(status(model, 2), u"offline"_s);
    }

    void anUnknownSensorAsksForARefetch()
    {
        DeviceListModel model;
        model.setDevices(devicesJson());
        QVERIFY(!model.applyEvent(
            statusEvent(u"motion_detected"_s, u"2026-11-23T22:50:00.000Z"_s, u"new-pi"_s)));
        QCOMPARE(model.count(), 3);
    }

    void lastSeenTextFollowsTheClock()
    {
        DeviceListModel model;
        model.setDevices(devicesJson());
        model.setClock(
            [] { return QDateTime::fromString(u"2026-11-23T22:52:11.123Z"_s, Qt::ISODateWithMs); });
        QCOMPARE(model.index(1).data(DeviceListModel::LastSeenTextRole).toString(), u"5 min ago"_s);
    }

    // The alarm's server names its sensors and gives them roles; a server from before it has
    // neither (devicesJson()), and the views fall back to the device_id.
    void showsTheNameWhenSetAndTheRole()
    {
        DeviceListModel model;
        QAbstractItemModelTester tester(&model);
        model.setDevices(QJsonDocument::fromJson(R"([
            {"device_id": "raspberry-1", "source": "sensor-motion", "online": true,
             "last_seen": "2026-11-23T22:47:11.123Z", "name": "Front door", "role": "entry"},
            {"device_id": "raspberry-2", "source": "sensor-pressure", "online": true,
             "last_seen": "2026-11-23T22:47:11.123Z", "name": null, "role": "always"}
        ])")
                             .array());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(DeviceListModel::NameRole).toString(), u"Front door"_s);
        QCOMPARE(model.index(0).data(DeviceListModel::DisplayNameRole).toString(), u"Front door"_s);
        QCOMPARE(model.index(0).data(DeviceListModel::SensorRoleRole).toString(), u"entry"_s);
        QCOMPARE(model.index(0).data(DeviceListModel::SensorRoleTextRole).toString(),
                 u"entry/exit"_s);
        QCOMPARE(model.index(1).data(DeviceListModel::NameRole).toString(), QString());
        QCOMPARE(model.index(1).data(DeviceListModel::DisplayNameRole).toString(),
                 u"raspberry-2"_s);
        QCOMPARE(model.index(1).data(DeviceListModel::SensorRoleTextRole).toString(), u"24 h"_s);
        QCOMPARE(model.labelOf(u"raspberry-1"_s, u"sensor-motion"_s), u"Front door"_s);
        QCOMPARE(model.labelOf(u"raspberry-2"_s, u"sensor-pressure"_s), QString());
        QCOMPARE(model.labelOf(u"raspberry-1"_s, u"sensor-door"_s), QString());

        model.setDevices(devicesJson());
        QCOMPARE(model.index(1).data(DeviceListModel::DisplayNameRole).toString(),
                 u"raspberry-1"_s);
        QCOMPARE(model.index(1).data(DeviceListModel::SensorRoleTextRole).toString(), QString());
    }
};

QTEST_GUILESS_MAIN(TestDeviceListModel)
#include "tst_devicelistmodel.moc"

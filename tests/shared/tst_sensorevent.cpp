#include "sensorevent.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_SensorEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void strictTypes_data();
    void strictTypes();
    void timestampHasMillisecondDecimals();
};

void tst_SensorEvent::roundTrip()
{
    SensorEvent event;
    event.eventId = u"0b7c6a4e-8f0e-4c7e-9d55-1e2f3a4b5c6d"_s;
    event.deviceId = u"raspberry-1"_s;
    event.source = u"sensor-motion"_s;
    event.type = u"MOTION_DETECTED"_s;
    event.data = QJsonObject{{u"presence"_s, true}, {u"gpio_pin"_s, 17}};
    event.timestamp = SensorEvent::timestampFromMsecs(1734567890123);

    const QByteArray bytes = event.toBytes();
    QVERIFY(bytes.contains("\"timestamp\":1734567890.123"));
    QString error;
    const auto parsed = SensorEvent::fromJson(QJsonDocument::fromJson(bytes).object(), &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->eventId, event.eventId);
    QCOMPARE(parsed->deviceId, event.deviceId);
    QCOMPARE(parsed->source, event.source);
    QCOMPARE(parsed->type, event.type);
    QCOMPARE(parsed->data, event.data);
    QCOMPARE(parsed->timestamp, event.timestamp);
}

void tst_SensorEvent::strictTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::addRow("valid minimal") << QByteArray(R"({"type": "X"})") << QString();
    QTest::addRow("missing type") << QByteArray(R"({})") << u"type: missing"_s;
    QTest::addRow("null type") << QByteArray(R"({"type": null})") << u"type: expected a string"_s;
    QTest::addRow("device_id number")
        << QByteArray(R"({"type": "X", "device_id": 1})") << u"device_id: expected a string"_s;
    QTest::addRow("source object")
        << QByteArray(R"({"type": "X", "source": {}})") << u"source: expected a string"_s;
    QTest::addRow("data string") << QByteArray(R"({"type": "X", "data": "on"})")
                                 << u"data: expected an object"_s;
    QTest::addRow("timestamp bool") << QByteArray(R"({"type": "X", "timestamp": true})")
                                    << u"timestamp: expected a number (Unix seconds)"_s;
}

void tst_SensorEvent::strictTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);

    QString message;
    const auto event = SensorEvent::fromJson(QJsonDocument::fromJson(json).object(), &message);
    QCOMPARE(bool(event), error.isEmpty());
    QCOMPARE(message, error);
}

void tst_SensorEvent::timestampHasMillisecondDecimals()
{
    QCOMPARE(SensorEvent::timestampFromMsecs(1734567890123).toDouble(), 1734567890.123);
    QCOMPARE(SensorEvent::timestampFromMsecs(1734567890000).toDouble(), 1734567890.0);
}

QTEST_GUILESS_MAIN(tst_SensorEvent)
#include "tst_sensorevent.moc"

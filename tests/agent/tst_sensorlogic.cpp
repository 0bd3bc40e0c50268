#include "sensorlogic.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Ms = 1000000;

// Feeds "1@0 0@500" (level@milliseconds) and writes each detection as
// "TYPE@ms{data}", e.g. PRESSURE_DETECTED@500{"duration_ms":500,...}.
QStringList run(SensorLogic &logic, const QString &edges)
{
    QStringList out;
    const QStringList items = edges.split(u' ', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QStringList parts = item.split(u'@');
        const auto detection = logic.onEdge(parts.at(0) == u"1", parts.at(1).toLongLong() * Ms);
        if (detection)
            out.append(
                detection->type + u'@' + QString::number(detection->timestampNs / Ms) +
                QString::fromUtf8(QJsonDocument(detection->data).toJson(QJsonDocument::Compact)));
    }
    return out;
}

} // namespace

class tst_SensorLogic : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detections_data();
    void detections();
    void shortPressesAreCounted();
    void names();
};

void tst_SensorLogic::detections_data()
{
    QTest::addColumn<SensorLogic::Kind>("kind");
    QTest::addColumn<int>("pin");
    QTest::addColumn<int>("pressureMinMs");
    QTest::addColumn<QString>("edges");
    QTest::addColumn<QStringList>("expected");

    const auto Motion = SensorLogic::Kind::Motion;
    const auto Pressure = SensorLogic::Kind::Pressure;
    QTest::addRow("motion: one event per active edge")
        << Motion << 17 << 50 << u"1@0 0@500 1@1000"_s
        << QStringList{u"MOTION_DETECTED@0{\"gpio_pin\":17,\"presence\":true}"_s,
                       u"MOTION_DETECTED@1000{\"gpio_pin\":17,\"presence\":true}"_s};
    QTest::addRow("motion: inactive edges say nothing")
        << Motion << 17 << 50 << u"0@0 0@10"_s << QStringList{};
    QTest::addRow("motion: the configured pin")
        << Motion << 4 << 50 << u"1@7"_s
        << QStringList{u"MOTION_DETECTED@7{\"gpio_pin\":4,\"presence\":true}"_s};
    QTest::addRow("pressure: duration from the edge timestamps, on release")
        << Pressure << 27 << 50 << u"1@1000 0@1500"_s
        << QStringList{u"PRESSURE_DETECTED@1500{\"duration_ms\":500,\"gpio_pin\":27,"
                       "\"pressure\":\"high\"}"_s};
    QTest::addRow("pressure: shorter than the minimum is noise")
        << Pressure << 27 << 50 << u"1@0 0@49"_s << QStringList{};
    QTest::addRow("pressure: exactly the minimum counts")
        << Pressure << 27 << 50 << u"1@0 0@50"_s
        << QStringList{u"PRESSURE_DETECTED@50{\"duration_ms\":50,\"gpio_pin\":27,"
                       "\"pressure\":\"high\"}"_s};
    QTest::addRow("pressure: release without a press (pressed at start-up)")
        << Pressure << 27 << 50 << u"0@100"_s << QStringList{};
    QTest::addRow("pressure: a second press start restarts the timing")
        << Pressure << 27 << 50 << u"1@0 1@100 0@300"_s
        << QStringList{u"PRESSURE_DETECTED@300{\"duration_ms\":200,\"gpio_pin\":27,"
                       "\"pressure\":\"high\"}"_s};
    QTest::addRow("pressure: two presses, two events")
        << Pressure << 27 << 0 << u"1@0 0@80 1@200 0@1200"_s
        << QStringList{u"PRESSURE_DETECTED@80{\"duration_ms\":80,\"gpio_pin\":27,"
                       "\"pressure\":\"high\"}"_s,
                       u"PRESSURE_DETECTED@1200{\"duration_ms\":1000,\"gpio_pin\":27,"
                       "\"pressure\":\"high\"}"_s};
}

void tst_SensorLogic::detections()
{
    QFETCH(SensorLogic::Kind, kind);
    QFETCH(int, pin);
    QFETCH(int, pressureMinMs);
    QFETCH(QString, edges);
    QFETCH(QStringList, expected);

    SensorLogic logic(kind, pin, pressureMinMs * Ms);
    QCOMPARE(run(logic, edges), expected);
}

void tst_SensorLogic::shortPressesAreCounted()
{
    SensorLogic logic(SensorLogic::Kind::Pressure, 27, 50 * Ms);
    QCOMPARE(run(logic, u"1@0 0@10 1@100 0@120 1@200 0@400"_s).size(), 1);
    QCOMPARE(logic.ignoredPresses(), 2);
}

void tst_SensorLogic::names()
{
    QCOMPARE(SensorLogic::kindName(SensorLogic::Kind::Motion), u"motion"_s);
    QCOMPARE(SensorLogic::sourceName(SensorLogic::Kind::Motion), u"sensor-motion"_s);
    QCOMPARE(SensorLogic::kindName(SensorLogic::Kind::Pressure), u"pressure"_s);
    QCOMPARE(SensorLogic::sourceName(SensorLogic::Kind::Pressure), u"sensor-pressure"_s);
}

QTEST_GUILESS_MAIN(tst_SensorLogic)
#include "tst_sensorlogic.moc"

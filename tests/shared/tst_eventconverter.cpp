#include "backendevent.h"
#include "eventconverter.h"
#include "guidepayloads.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

// The guide's conversion, table by table. The expected bodies are the guide's own examples,
// compared as JSON and as canonical compact bytes (JSON members have no order, so "byte for
// byte" means: the same bytes once both sides are written by the same writer).
class tst_EventConverter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convertsGuideExamples_data();
    void convertsGuideExamples();
    void fillsMissingFields_data();
    void fillsMissingFields();
    void rejectsBadPayloads_data();
    void rejectsBadPayloads();
    void typeMap_data();
    void typeMap();
    void keepsTimestampDigits();
};

namespace {

constexpr double ReceivedAt = 1764000000.5;
const QString FreshId = u"11111111-2222-4333-8444-555555555555"_s;

QByteArray canonical(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
}

} // namespace

void tst_EventConverter::convertsGuideExamples_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("expected");

    // "Format de conversion": the guide's main example.
    QTest::addRow("guide conversion example")
        << u"sensor/motion"_s << QByteArray(GuidePayloads::ConversionSensor)
        << QByteArray(GuidePayloads::ConversionBackend);

    // "Test 1": the payload the guide publishes with mosquitto_pub.
    QTest::addRow("guide test 1") << u"sensor/motion"_s << QByteArray(GuidePayloads::Test1Sensor)
                                  << QByteArray(
                                         R"({"type": "motion_detected", "device_id": "raspberry-1",
  "details": {"event_id": "test-123", "source": "sensor-motion", "data": {"presence": true},
              "original_timestamp": 1234567890, "mqtt_topic": "sensor/motion"}})");

    // "Ajouter un capteur de pression": PRESSURE_DETECTED becomes button_pressed.
    QTest::addRow("guide pressure sensor")
        << u"sensor/pressure"_s
        << QByteArray(R"({"event_id": "7d3f7a52-0c1e-4d0b-9d5e-2b8f3c1a9e10",
    "device_id": "raspberry-1", "source": "sensor-pressure", "type": "PRESSURE_DETECTED",
    "data": {"pressure": "high", "duration_ms": 500}, "timestamp": 1734567891.5})")
        << QByteArray(R"({"type": "button_pressed", "device_id": "raspberry-1",
  "details": {"event_id": "7d3f7a52-0c1e-4d0b-9d5e-2b8f3c1a9e10", "source": "sensor-pressure",
              "data": {"pressure": "high", "duration_ms": 500},
              "original_timestamp": 1734567891.5, "mqtt_topic": "sensor/pressure"}})");

    // "Ce qui existe déjà": the event format the sensors already publish.
    QTest::addRow("guide existing format")
        << u"sensor/motion"_s << QByteArray(R"({"event_id": "uuid", "device_id": "raspberry-1",
    "source": "sensor-motion", "type": "MOTION_DETECTED",
    "data": {"presence": true, "gpio_pin": 17}, "timestamp": 1234567890})")
        << QByteArray(R"({"type": "motion_detected", "device_id": "raspberry-1",
  "details": {"event_id": "uuid", "source": "sensor-motion",
              "data": {"presence": true, "gpio_pin": 17},
              "original_timestamp": 1234567890, "mqtt_topic": "sensor/motion"}})");
}

// Shared by the tables that have the columns topic, payload and expected.
static void verifyConversion()
{
    QFETCH(QString, topic);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, expected);

    const EventConverter converter;
    const EventConverter::Result result = converter.convert(payload, topic, ReceivedAt, FreshId);
    QVERIFY2(result.event, qPrintable(result.error));
    QCOMPARE(*result.event, QJsonDocument::fromJson(expected).object());
    QCOMPARE(BackendEvent::toBytes(*result.event), canonical(expected));
}

void tst_EventConverter::convertsGuideExamples()
{
    verifyConversion();
}

void tst_EventConverter::fillsMissingFields_data()
{
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("only type")
        << u"sensor/door"_s << QByteArray(R"({"type": "DOOR_OPENED"})")
        << QByteArray(R"({"type": "door_opened", "device_id": "unknown", "details": {
             "event_id": "11111111-2222-4333-8444-555555555555", "source": "sensor-door",
             "data": {}, "original_timestamp": 1764000000.5, "mqtt_topic": "sensor/door"}})");
    QTest::addRow("empty strings count as missing")
        << u"home/hall/motion"_s
        << QByteArray(R"({"type": "MOTION_DETECTED", "event_id": "", "device_id": "",
                          "source": ""})")
        << QByteArray(R"({"type": "motion_detected", "device_id": "unknown", "details": {
             "event_id": "11111111-2222-4333-8444-555555555555", "source": "home-hall-motion",
             "data": {}, "original_timestamp": 1764000000.5, "mqtt_topic": "home/hall/motion"}})");
    QTest::addRow("nested data and numbers pass through")
        << u"sensor/motion"_s << QByteArray(R"({"type": "motion_detected", "device_id": "pi",
             "data": {"a": [1, 2.5, -3e5, {"b": null}], "big": 9007199254740993, "s": "é"},
             "timestamp": 0})")
        << QByteArray(R"({"type": "motion_detected", "device_id": "pi", "details": {
             "event_id": "11111111-2222-4333-8444-555555555555", "source": "sensor-motion",
             "data": {"a": [1, 2.5, -3e5, {"b": null}], "big": 9007199254740993, "s": "é"},
             "original_timestamp": 0, "mqtt_topic": "sensor/motion"}})");
    QTest::addRow("unknown members are not forwarded")
        << u"sensor/motion"_s
        << QByteArray(R"({"type": "MOTION_DETECTED", "device_id": "pi", "event_id": "e1",
                          "battery": 80})")
        << QByteArray(R"({"type": "motion_detected", "device_id": "pi", "details": {
             "event_id": "e1", "source": "sensor-motion", "data": {},
             "original_timestamp": 1764000000.5, "mqtt_topic": "sensor/motion"}})");
}

void tst_EventConverter::fillsMissingFields()
{
    verifyConversion();
}

void tst_EventConverter::rejectsBadPayloads_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("error");

    QTest::addRow("not json") << QByteArray("motion!") << u"not valid JSON"_s;
    QTest::addRow("empty") << QByteArray("") << u"empty payload"_s;
    QTest::addRow("array") << QByteArray(R"([{"type": "X"}])")
                           << u"expected a JSON object, got an array"_s;
    QTest::addRow("bare string") << QByteArray(R"("MOTION")") << u"not valid JSON"_s;
    QTest::addRow("missing type") << QByteArray(R"({"device_id": "pi"})") << u"type: missing"_s;
    QTest::addRow("empty type") << QByteArray(R"({"type": ""})") << u"type: must not be empty"_s;
    QTest::addRow("type not a string")
        << QByteArray(R"({"type": 3})") << u"type: expected a string"_s;
    QTest::addRow("type the server refuses")
        << QByteArray(R"({"type": "MOTION DETECTED!"})")
        << u"the server would refuse it: type: must match [a-z0-9_]{1,64}"_s;
    QTest::addRow("type too long")
        << (R"({"type": ")" + QByteArray(65, 'A') + R"("})") << u"type: must match"_s;
    QTest::addRow("device_id too long")
        << (R"({"type": "X", "device_id": ")" + QByteArray(129, 'd') + R"("})")
        << u"device_id: must be 1 to 128 characters"_s;
    QTest::addRow("data not an object")
        << QByteArray(R"({"type": "X", "data": [1]})") << u"data: expected an object"_s;
    QTest::addRow("timestamp not a number")
        << QByteArray(R"({"type": "X", "timestamp": "yesterday"})")
        << u"timestamp: expected a number"_s;
    QTest::addRow("event_id not a string")
        << QByteArray(R"({"type": "X", "event_id": 7})") << u"event_id: expected a string"_s;
    QTest::addRow("invalid utf-8")
        << QByteArray("{\"type\": \"X\xff\xfe\"}") << u"not valid UTF-8"_s;
    QTest::addRow("too large") << (R"({"type": "X", "data": {"s": ")" + QByteArray(70000, 'x') +
                                   R"("}})")
                               << u"over MAX_PAYLOAD (65536 bytes)"_s;
    QTest::addRow("deep nesting") << (QByteArray(10000, '[') + QByteArray(10000, ']'))
                                  << u"nested too deeply"_s;
    QTest::addRow("deep but parseable")
        << (R"({"type": "X", "data": )" + QByteArray(40, '[') + QByteArray(40, ']') + "}")
        << u"nested deeper than 32 levels"_s;
    QTest::addRow("huge number") << QByteArray(R"({"type": "X", "timestamp": 1e400})")
                                 << u"a number is malformed or out of range"_s;
}

void tst_EventConverter::rejectsBadPayloads()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, error);

    const EventConverter converter;
    const EventConverter::Result result =
        converter.convert(payload, u"sensor/motion"_s, ReceivedAt, FreshId);
    QVERIFY(!result.event);
    QVERIFY2(result.error.contains(error), qPrintable(result.error));
    QVERIFY2(!result.error.contains(u'\n'), "an error is one line");
}

void tst_EventConverter::typeMap_data()
{
    QTest::addColumn<QString>("userMap");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");

    QTest::addRow("default maps pressure") << QString() << "PRESSURE_DETECTED"
                                           << "button_pressed";
    QTest::addRow("default lower-cases the rest") << QString() << "DOOR_OPENED"
                                                  << "door_opened";
    QTest::addRow("user entry extends") << "DOOR_OPENED=door"
                                        << "DOOR_OPENED"
                                        << "door";
    QTest::addRow("user entry keeps the default") << "DOOR_OPENED=door"
                                                  << "PRESSURE_DETECTED"
                                                  << "button_pressed";
    QTest::addRow("user entry wins") << "PRESSURE_DETECTED=mat_pressed"
                                     << "PRESSURE_DETECTED"
                                     << "mat_pressed";
    QTest::addRow("spaces and empties") << " A=a_1 , ,B=b "
                                        << "B"
                                        << "b";
}

void tst_EventConverter::typeMap()
{
    QFETCH(QString, userMap);
    QFETCH(QString, input);
    QFETCH(QString, output);

    EventConverter converter;
    QCOMPARE(converter.addTypeMap(userMap), QString());
    QCOMPARE(converter.mapType(input), output);

    QVERIFY(!EventConverter::typeMapProblem(u"NOPAIR"_s).isEmpty());
    QVERIFY(!EventConverter::typeMapProblem(u"A=Bad Type"_s).isEmpty());
    QVERIFY(!EventConverter::typeMapProblem(u"=x"_s).isEmpty());
}

void tst_EventConverter::keepsTimestampDigits()
{
    const EventConverter converter;
    const auto result = converter.convert(R"({"type": "X", "timestamp": 1734567890.123})",
                                          u"sensor/motion"_s, ReceivedAt, FreshId);
    QVERIFY(result.event);
    QVERIFY(BackendEvent::toBytes(*result.event).contains("\"original_timestamp\":1734567890.123"));
}

QTEST_GUILESS_MAIN(tst_EventConverter)
#include "tst_eventconverter.moc"

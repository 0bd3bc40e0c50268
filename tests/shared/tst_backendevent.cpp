#include "backendevent.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_BackendEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validate_data();
    void validate();
};

void tst_BackendEvent::validate_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::addRow("guide example")
        << QByteArray(R"({"type": "motion_detected", "device_id": "raspberry-1",
                          "details": {"event_id": "abc-123"}})")
        << QString();
    QTest::addRow("no details") << QByteArray(R"({"type": "a", "device_id": "d"})") << QString();
    QTest::addRow("64-char type") << (R"({"type": ")" + QByteArray(64, 'a') +
                                      R"(", "device_id": "d"})")
                                  << QString();
    QTest::addRow("128-char device")
        << (R"({"type": "a", "device_id": ")" + QByteArray(128, 'd') + R"("})") << QString();
    QTest::addRow("no type") << QByteArray(R"({"device_id": "d"})") << u"type: missing"_s;
    QTest::addRow("upper-case type") << QByteArray(R"({"type": "MOTION", "device_id": "d"})")
                                     << u"type: must match [a-z0-9_]{1,64}"_s;
    QTest::addRow("empty type") << QByteArray(R"({"type": "", "device_id": "d"})")
                                << u"type: must match [a-z0-9_]{1,64}"_s;
    QTest::addRow("numeric type") << QByteArray(R"({"type": 1, "device_id": "d"})")
                                  << u"type: expected a string"_s;
    QTest::addRow("no device") << QByteArray(R"({"type": "a"})") << u"device_id: missing"_s;
    QTest::addRow("empty device") << QByteArray(R"({"type": "a", "device_id": ""})")
                                  << u"device_id: must be 1 to 128 characters"_s;
    QTest::addRow("device too long")
        << (R"({"type": "a", "device_id": ")" + QByteArray(129, 'd') + R"("})")
        << u"device_id: must be 1 to 128 characters"_s;
    QTest::addRow("device number")
        << QByteArray(R"({"type": "a", "device_id": 5})") << u"device_id: expected a string"_s;
    QTest::addRow("details array")
        << QByteArray(R"({"type": "a", "device_id": "d", "details": []})")
        << u"details: expected an object"_s;
    QTest::addRow("details null") << QByteArray(
                                         R"({"type": "a", "device_id": "d", "details": null})")
                                  << u"details: expected an object"_s;
}

void tst_BackendEvent::validate()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);

    QCOMPARE(BackendEvent::validate(QJsonDocument::fromJson(json).object()), error);
}

QTEST_GUILESS_MAIN(tst_BackendEvent)
#include "tst_backendevent.moc"

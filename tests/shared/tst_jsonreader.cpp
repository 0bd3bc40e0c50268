#include "jsonreader.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_JsonReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsObjects();
    void duplicateKeysLastWins();
    void rejects_data();
    void rejects();
    void depth_data();
    void depth();
    void readsArraysAsValues();
};

void tst_JsonReader::readsObjects()
{
    QString error;
    const auto object = JsonReader::readObject(R"({"a": 1, "b": {"c": [true]}})", &error);
    QVERIFY2(object, qPrintable(error));
    QCOMPARE(object->value(u"a").toInt(), 1);
}

void tst_JsonReader::duplicateKeysLastWins()
{
    QString error;
    const auto object = JsonReader::readObject(R"({"type": "A", "type": "B"})", &error);
    QVERIFY2(object, qPrintable(error));
    QCOMPARE(object->value(u"type").toString(), u"B"_s);
}

void tst_JsonReader::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");

    QTest::addRow("truncated") << QByteArray(R"({"a": )") << u"not valid JSON"_s;
    QTest::addRow("trailing garbage") << QByteArray(R"({} x)") << u"not valid JSON"_s;
    QTest::addRow("number") << QByteArray("42") << u"not valid JSON"_s;
    QTest::addRow("null") << QByteArray("null") << u"not valid JSON"_s;
    QTest::addRow("array") << QByteArray("[]") << u"got an array"_s;
    QTest::addRow("whitespace") << QByteArray(" \n ") << u"empty payload"_s;
    QTest::addRow("bad utf-8") << QByteArray("{\"a\": \"\xc3\x28\"}") << u"not valid UTF-8"_s;
    QTest::addRow("nul byte") << QByteArray("{\"a\":\0 1}", 9) << u"not valid JSON"_s;
    QTest::addRow("over size") << QByteArray(2 * 1024 * 1024, ' ')
                               << u"over the limit of 1048576 bytes"_s;
    QTest::addRow("10000 deep") << (QByteArray(10000, '[') + QByteArray(10000, ']'))
                                << u"nested too deeply"_s;
}

void tst_JsonReader::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);

    QString message;
    QVERIFY(!JsonReader::readObject(bytes, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
}

void tst_JsonReader::depth_data()
{
    QTest::addColumn<int>("levels");
    QTest::addColumn<bool>("accepted");

    QTest::addRow("32 levels") << 32 << true;
    QTest::addRow("33 levels") << 33 << false;
    QTest::addRow("1000 levels") << 1000 << false;
}

void tst_JsonReader::depth()
{
    QFETCH(int, levels);
    QFETCH(bool, accepted);

    // {"a":{"a":...{}...}} with `levels` objects.
    QByteArray json;
    for (int i = 1; i < levels; ++i)
        json += R"({"a":)";
    json += "{}" + QByteArray(levels - 1, '}');
    QString error;
    QCOMPARE(bool(JsonReader::readObject(json, &error)), accepted);
    if (!accepted)
        QVERIFY2(error.contains(u"nested"), qPrintable(error));
}

void tst_JsonReader::readsArraysAsValues()
{
    QString error;
    const auto value = JsonReader::readValue(R"([{"type": "a"}, {"type": "b"}])", &error);
    QVERIFY2(value, qPrintable(error));
    QCOMPARE(value->toArray().size(), 2);
    QCOMPARE(JsonReader::depthOf(*value), 2);
}

QTEST_GUILESS_MAIN(tst_JsonReader)
#include "tst_jsonreader.moc"

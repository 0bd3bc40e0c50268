#include "deliveryresponse.h"

#include "utctime.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Outcome = DeliveryResponse::Outcome;

class tst_DeliveryResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<Outcome>("outcome");
        QTest::addRow("no answer") << 0 << Outcome::Retry;
        QTest::addRow("201 stored") << 201 << Outcome::Delivered;
        QTest::addRow("200 duplicate or batch") << 200 << Outcome::Delivered;
        QTest::addRow("400 bad field") << 400 << Outcome::Refused;
        QTest::addRow("401 token") << 401 << Outcome::Unauthorized;
        QTest::addRow("403 forbidden") << 403 << Outcome::Unauthorized;
        QTest::addRow("404 wrong url") << 404 << Outcome::Refused;
        QTest::addRow("408 timeout") << 408 << Outcome::Retry;
        QTest::addRow("413 too large") << 413 << Outcome::Refused;
        QTest::addRow("429 slow down") << 429 << Outcome::Retry;
        QTest::addRow("500") << 500 << Outcome::Retry;
        QTest::addRow("503") << 503 << Outcome::Retry;
    }
    void classify()
    {
        QFETCH(int, status);
        QFETCH(Outcome, outcome);
        QCOMPARE(DeliveryResponse::classify(status), outcome);
    }

    void retryAfter_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("expectedMs"); // -1: none
        QTest::addRow("absent") << QByteArray() << qint64(-1);
        QTest::addRow("seconds") << QByteArray("30") << qint64(30000);
        QTest::addRow("zero") << QByteArray("0") << qint64(0);
        QTest::addRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::addRow("http date") << QByteArray("Wed, 25 Nov 2026 10:00:45 GMT") << qint64(45000);
        QTest::addRow("past date") << QByteArray("Wed, 25 Nov 2026 09:00:00 GMT") << qint64(0);
        QTest::addRow("garbage") << QByteArray("soon") << qint64(-1);
    }
    void retryAfter()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, expectedMs);
        const QDateTime now = UtcTime::fromDateTime(QDate(2026, 11, 25), QTime(10, 0));
        const std::optional<qint64> delay = DeliveryResponse::retryAfterMs(header, now);
        QCOMPARE(delay.value_or(-1), expectedMs);
    }

    void serverMessage()
    {
        QCOMPARE(DeliveryResponse::serverMessage(R"({"error":"type: must match"})", 400),
                 u"type: must match"_s);
        QCOMPARE(DeliveryResponse::serverMessage("Not Found\n", 404), u"Not Found"_s);
        QCOMPARE(DeliveryResponse::serverMessage({}, 502), u"HTTP 502"_s);
        QCOMPARE(DeliveryResponse::serverMessage(QByteArray(5000, 'x'), 400).size(), 300);
    }

    void batchRejections()
    {
        const QList<DeliveryResponse::Rejection> rejections = DeliveryResponse::batchRejections(
            R"({"stored":3,"duplicates":0,"rejected":[{"index":1,"error":"type: bad"},)"
            R"({"index":"x"},{"index":4,"error":"device_id: missing"}]})");
        QCOMPARE(rejections.size(), 2);
        QCOMPARE(rejections.at(0).index, 1);
        QCOMPARE(rejections.at(0).error, u"type: bad"_s);
        QCOMPARE(rejections.at(1).index, 4);
        QVERIFY(DeliveryResponse::batchRejections(R"({"stored":2,"duplicates":0})").isEmpty());
        QVERIFY(DeliveryResponse::batchRejections("not json").isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_DeliveryResponse)
#include "tst_deliveryresponse.moc"

#include "deliveryresponse.h"

#include "utctime.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Outcome = DeliveryResponse::Outcome;

namespace {

constexpr qint64 Cap = 3600 * 1000;

} // namespace

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

    // A redirect's target (a login page, a moved API) answered 200 to a GET and the events were
    // deleted unstored: a 3xx is retried, never a delivery nor a dead letter.
    void redirectIsRetriedNotDelivered_data()
    {
        QTest::addColumn<int>("status");
        for (const int status : {301, 302, 303, 307, 308})
            QTest::addRow("%d", status) << status;
    }
    void redirectIsRetriedNotDelivered()
    {
        QFETCH(int, status);
        QCOMPARE(DeliveryResponse::classify(status), Outcome::Retry);
    }

    // A 2xx that does not prove storage (a proxy's 200 [], a batch answer that counts fewer)
    // deleted the events: only the server's own answer does.
    void twoHundredWithoutProofKeepsTheEvents_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("batch");
        QTest::addColumn<int>("sent");
        QTest::addColumn<bool>("proven");
        QTest::addRow("201 event")
            << 201 << QByteArray(R"({"id":7,"type":"x"})") << false << 1 << true;
        QTest::addRow("200 duplicate") << 200 << QByteArray(R"({"id":7})") << false << 1 << true;
        QTest::addRow("200 []") << 200 << QByteArray("[]") << false << 1 << false;
        QTest::addRow("200 empty") << 200 << QByteArray() << false << 1 << false;
        QTest::addRow("200 html") << 200 << QByteArray("<html></html>") << false << 1 << false;
        QTest::addRow("200 object without id")
            << 200 << QByteArray(R"({"ok":true})") << false << 1 << false;
        QTest::addRow("batch counted")
            << 200 << QByteArray(R"({"stored":2,"duplicates":1,"rejected":[{"index":0}]})") << true
            << 4 << true;
        QTest::addRow("batch counts fewer")
            << 200 << QByteArray(R"({"stored":2,"duplicates":0,"rejected":[]})") << true << 4
            << false;
        QTest::addRow("batch 200 []") << 200 << QByteArray("[]") << true << 4 << false;
        QTest::addRow("batch 201")
            << 201 << QByteArray(R"({"stored":4,"duplicates":0,"rejected":[]})") << true << 4
            << false;
        QTest::addRow("batch fraction")
            << 200 << QByteArray(R"({"stored":3.5,"duplicates":0.5,"rejected":[]})") << true << 4
            << false;
        QTest::addRow("batch id only") << 200 << QByteArray(R"({"id":1})") << true << 4 << false;
    }
    void twoHundredWithoutProofKeepsTheEvents()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, batch);
        QFETCH(int, sent);
        QFETCH(bool, proven);
        const QString error = DeliveryResponse::storageProofError(status, body, batch, sent);
        QVERIFY2(error.isEmpty() == proven, qPrintable(error));
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
        QTest::addRow("plus sign") << QByteArray("+5") << qint64(-1);
        QTest::addRow("at the cap") << QByteArray("3600") << Cap;
    }

    // A Retry-After of 16 digits and more overflowed seconds * 1000 (undefined behaviour), and
    // one of 20 digits was ignored: every huge value is a wait of the cap.
    void hugeRetryAfterIsClampedNotOverflowed_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addRow("16 digits") << QByteArray("9999999999999999");
        QTest::addRow("20 digits") << QByteArray("99999999999999999999");
        QTest::addRow("300 digits") << QByteArray(300, '9');
        QTest::addRow("far date") << QByteArray("Fri, 31 Dec 9999 23:59:59 GMT");
    }
    void hugeRetryAfterIsClampedNotOverflowed()
    {
        QFETCH(QByteArray, header);
        const QDateTime now = UtcTime::fromDateTime(QDate(2026, 11, 25), QTime(10, 0));
        QCOMPARE(DeliveryResponse::retryAfterMs(header, now, Cap).value_or(-1), Cap);
    }
    void retryAfter()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, expectedMs);
        const QDateTime now = UtcTime::fromDateTime(QDate(2026, 11, 25), QTime(10, 0));
        const std::optional<qint64> delay = DeliveryResponse::retryAfterMs(header, now, Cap);
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

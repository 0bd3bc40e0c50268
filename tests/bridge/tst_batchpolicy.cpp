// BatchPolicy: how the outbox is cut into POSTs and what a refusal changes, without a network.
#include "batchpolicy.h"

#include <QTest>

using Refusal = BatchPolicy::Refusal;

class tst_BatchPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void take_data()
    {
        QTest::addColumn<qint64>("pending");
        QTest::addColumn<int>("maxEvents");
        QTest::addColumn<qint64>("maxBytes");

        QTest::addRow("one pending: just it") << qint64(1) << 1 << qint64(1000);
        QTest::addRow("two pending: a batch") << qint64(2) << 10 << qint64(1000);
        QTest::addRow("a backlog: a batch") << qint64(100000) << 10 << qint64(1000);
        QTest::addRow("nothing pending") << qint64(0) << 1 << qint64(1000);
    }

    void take()
    {
        QFETCH(qint64, pending);
        QFETCH(int, maxEvents);
        QFETCH(qint64, maxBytes);

        const BatchPolicy policy(10, 1000);
        const BatchPolicy::Take take = policy.take(pending);
        QCOMPARE(take.maxEvents, maxEvents);
        QCOMPARE(take.maxBytes, maxBytes);
    }

    void defaultsAreTheSettingsDefaults()
    {
        const BatchPolicy policy;
        QCOMPARE(policy.maxEvents(), 500);
        QCOMPARE(policy.maxBytes(), 512 * 1024);
    }

    void shape_data()
    {
        QTest::addColumn<qint64>("isolateThroughId"); // a batch up to this id was refused; 0: none
        QTest::addColumn<qint64>("pending");
        QTest::addColumn<qint64>("firstId");
        QTest::addColumn<qsizetype>("taken");
        QTest::addColumn<qsizetype>("count");
        QTest::addColumn<bool>("asArray");

        QTest::addRow("a lone event goes as an object")
            << qint64(0) << qint64(1) << qint64(7) << qsizetype(1) << qsizetype(1) << false;
        QTest::addRow("a backlog goes as an array")
            << qint64(0) << qint64(50) << qint64(7) << qsizetype(10) << qsizetype(10) << true;
        QTest::addRow("a backlog of which one fits is still an array")
            << qint64(0) << qint64(50) << qint64(7) << qsizetype(1) << qsizetype(1) << true;
        QTest::addRow("nothing taken sends nothing")
            << qint64(0) << qint64(0) << qint64(0) << qsizetype(0) << qsizetype(0) << false;
        QTest::addRow("a refused batch's first event goes alone")
            << qint64(20) << qint64(50) << qint64(11) << qsizetype(10) << qsizetype(1) << false;
        QTest::addRow("a refused batch's last event goes alone")
            << qint64(20) << qint64(50) << qint64(20) << qsizetype(10) << qsizetype(1) << false;
        QTest::addRow("past the refused batch, batches again")
            << qint64(20) << qint64(50) << qint64(21) << qsizetype(10) << qsizetype(10) << true;
    }

    void shape()
    {
        QFETCH(qint64, isolateThroughId);
        QFETCH(qint64, pending);
        QFETCH(qint64, firstId);
        QFETCH(qsizetype, taken);
        QFETCH(qsizetype, count);
        QFETCH(bool, asArray);

        BatchPolicy policy(10, 1000);
        if (isolateThroughId > 0) {
            QCOMPARE(policy.refused(400, {10, true}, 500, isolateThroughId),
                     Refusal::ResendOneByOne);
        }
        const BatchPolicy::Batch batch = policy.shape(pending, firstId, taken);
        QCOMPARE(batch.count, count);
        QCOMPARE(batch.asArray, asArray);
    }

    void refused_data()
    {
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<qsizetype>("count");
        QTest::addColumn<bool>("asArray");
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<Refusal>("refusal");
        QTest::addColumn<qint64>("maxBytesAfter");

        QTest::addRow("413 batch: halve")
            << 413 << qsizetype(10) << true << qint64(900) << Refusal::ResendSmaller << qint64(450);
        QTest::addRow("413 batch of two tiny events: at least a byte")
            << 413 << qsizetype(2) << true << qint64(1) << Refusal::ResendSmaller << qint64(1);
        QTest::addRow("413 batch of one: one by one") << 413 << qsizetype(1) << true << qint64(900)
                                                      << Refusal::ResendOneByOne << qint64(1000);
        QTest::addRow("413 single event: dead letter")
            << 413 << qsizetype(1) << false << qint64(900) << Refusal::DeadLetter << qint64(1000);
        QTest::addRow("400 batch: one by one") << 400 << qsizetype(10) << true << qint64(900)
                                               << Refusal::ResendOneByOne << qint64(1000);
        QTest::addRow("422 batch: one by one") << 422 << qsizetype(3) << true << qint64(300)
                                               << Refusal::ResendOneByOne << qint64(1000);
        QTest::addRow("400 single event: dead letter")
            << 400 << qsizetype(1) << false << qint64(90) << Refusal::DeadLetter << qint64(1000);
        QTest::addRow("3xx single event: dead letter")
            << 301 << qsizetype(1) << false << qint64(90) << Refusal::DeadLetter << qint64(1000);
    }

    void refused()
    {
        QFETCH(int, httpStatus);
        QFETCH(qsizetype, count);
        QFETCH(bool, asArray);
        QFETCH(qint64, bytes);
        QFETCH(Refusal, refusal);
        QFETCH(qint64, maxBytesAfter);

        BatchPolicy policy(10, 1000);
        QCOMPARE(policy.refused(httpStatus, {count, asArray}, bytes, 42), refusal);
        QCOMPARE(policy.maxBytes(), maxBytesAfter);
        QCOMPARE(policy.take(5).maxBytes, maxBytesAfter);
        QCOMPARE(policy.maxEvents(), 10);
        // One by one means the refused events, and only those, go alone.
        const bool isolated = refusal == Refusal::ResendOneByOne;
        QCOMPARE(policy.shape(5, 42, 3).asArray, !isolated);
        QVERIFY(policy.shape(5, 43, 3).asArray);
    }

    void theSmallerBudgetStaysAndHalvesAgain()
    {
        BatchPolicy policy(500, 512 * 1024);
        QCOMPARE(policy.refused(413, {100, true}, 400 * 1024, 100), Refusal::ResendSmaller);
        QCOMPARE(policy.maxBytes(), 200 * 1024);
        QCOMPARE(policy.take(1000).maxBytes, 200 * 1024);
        QCOMPARE(policy.take(1000).maxEvents, 500);
        QCOMPARE(policy.refused(413, {50, true}, 200 * 1024, 150), Refusal::ResendSmaller);
        QCOMPARE(policy.maxBytes(), 100 * 1024);
        // A 413 does not isolate: the next batch is still an array.
        QVERIFY(policy.shape(1000, 101, 25).asArray);
    }
};

QTEST_GUILESS_MAIN(tst_BatchPolicy)
#include "tst_batchpolicy.moc"

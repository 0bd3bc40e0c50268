#include "deliverybackoff.h"

#include <QTest>

using namespace Qt::StringLiterals;

class tst_DeliveryBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void doublesWithJitterUpToTheCap()
    {
        DeliveryBackoff backoff; // 1 s -> 60 s
        backoff.seed(42);
        const qint64 steps[] = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
        for (const qint64 step : steps) {
            const qint64 delay = backoff.nextDelay();
            QVERIFY2(delay >= step / 2 && delay <= step,
                     qPrintable(u"%1 not in [%2, %3]"_s.arg(delay).arg(step / 2).arg(step)));
        }
        QCOMPARE(backoff.failures(), 9);
    }

    void jitterSpreadsTheDelays()
    {
        DeliveryBackoff backoff;
        backoff.seed(7);
        QSet<qint64> seen;
        for (int i = 0; i < 20; ++i) {
            backoff.reset();
            seen.insert(backoff.nextDelay());
        }
        QVERIFY(seen.size() > 5);
    }

    void retryAfterRaisesTheDelayWithinABound()
    {
        DeliveryBackoff backoff;
        QCOMPARE(backoff.nextDelay(120000), 120000);
        QVERIFY(backoff.nextDelay(10) >= 1000); // a short Retry-After never shortens the backoff
        QCOMPARE(backoff.nextDelay(24 * 3600 * 1000), DeliveryBackoff::MaxRetryAfterMs);
    }

    void resetStartsOver()
    {
        DeliveryBackoff backoff(100, 400);
        for (int i = 0; i < 10; ++i)
            QVERIFY(backoff.nextDelay() <= 400);
        backoff.reset();
        QVERIFY(backoff.nextDelay() <= 100);
    }

    void surviveHugeFailureCounts()
    {
        DeliveryBackoff backoff;
        for (int i = 0; i < 10000; ++i)
            QVERIFY(backoff.nextDelay() <= DeliveryBackoff::DefaultMaximumMs);
    }
};

QTEST_GUILESS_MAIN(tst_DeliveryBackoff)
#include "tst_deliverybackoff.moc"

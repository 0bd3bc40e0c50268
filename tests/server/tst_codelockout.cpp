// CodeLockout, the keypad's one counter, with a hand-moved clock: five wrong codes lock every
// way in, the window forgets, a right code clears, and checks under way hold their attempt.
#include "codelockout.h"

#include <QTest>

namespace {

constexpr CodeLockout::Limits Limits{5, 15LL * 60 * 1000, 300LL * 1000, 60LL * 1000};

struct Rig
{
    Rig()
        : lockout(Limits, [this] { return now; })
    {}
    qint64 now = 1'000'000;
    CodeLockout lockout;

    // One whole wrong attempt; whether it started the lockout.
    bool wrong()
    {
        if (!lockout.beginCheck())
            return false;
        return lockout.recordFailure();
    }
};

} // namespace

class tst_CodeLockout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fifthWrongCodeLocks();
    void lockoutEndsAndCountsFromZero();
    void failuresOutsideTheWindowAreForgotten();
    void rightCodeClearsTheFailures();
    void checksUnderWayHoldTheirAttempt();
    void lostCheckIsLetGo();
    void clockSteppingBackEndsTheLockout();
};

void tst_CodeLockout::fifthWrongCodeLocks()
{
    Rig rig;
    for (int i = 0; i < 4; ++i) {
        QVERIFY(!rig.wrong());
        QCOMPARE(rig.lockout.retryAfterSeconds(), std::nullopt);
    }
    QVERIFY(rig.wrong()); // the fifth starts it, once
    QCOMPARE(rig.lockout.retryAfterSeconds(), qint64(300));
    QVERIFY(!rig.lockout.beginCheck());
    rig.now += 299'001;
    QCOMPARE(rig.lockout.retryAfterSeconds(), qint64(1)); // rounded up
}

void tst_CodeLockout::lockoutEndsAndCountsFromZero()
{
    Rig rig;
    for (int i = 0; i < 5; ++i)
        rig.wrong();
    rig.now += Limits.lockoutMs;
    QCOMPARE(rig.lockout.retryAfterSeconds(), std::nullopt);
    QVERIFY(rig.lockout.beginCheck());
    QVERIFY(!rig.lockout.recordFailure()); // one strike, not the sixth
    for (int i = 0; i < 3; ++i)
        QVERIFY(!rig.wrong());
    QVERIFY(rig.wrong());
}

void tst_CodeLockout::failuresOutsideTheWindowAreForgotten()
{
    Rig rig;
    for (int i = 0; i < 4; ++i)
        rig.wrong();
    rig.now += Limits.windowMs + 1;
    QVERIFY(!rig.wrong());
    QCOMPARE(rig.lockout.retryAfterSeconds(), std::nullopt);
}

void tst_CodeLockout::rightCodeClearsTheFailures()
{
    Rig rig;
    for (int i = 0; i < 4; ++i)
        rig.wrong();
    QVERIFY(rig.lockout.beginCheck());
    rig.lockout.recordSuccess();
    for (int i = 0; i < 4; ++i)
        QVERIFY(!rig.wrong());
}

void tst_CodeLockout::checksUnderWayHoldTheirAttempt()
{
    Rig rig;
    for (int i = 0; i < 3; ++i)
        rig.wrong();
    // Two attempts left: a third check may not start while two are running.
    QVERIFY(rig.lockout.beginCheck());
    QVERIFY(rig.lockout.beginCheck());
    QVERIFY(!rig.lockout.beginCheck());
    rig.lockout.recordSuccess(); // one ends well: the failures are cleared
    QVERIFY(rig.lockout.beginCheck());
}

void tst_CodeLockout::lostCheckIsLetGo()
{
    Rig rig;
    for (int i = 0; i < 4; ++i)
        rig.wrong();
    QVERIFY(rig.lockout.beginCheck()); // never ends
    QVERIFY(!rig.lockout.beginCheck());
    rig.now += Limits.checkTimeoutMs;
    QVERIFY(rig.lockout.beginCheck());
}

void tst_CodeLockout::clockSteppingBackEndsTheLockout()
{
    Rig rig;
    for (int i = 0; i < 5; ++i)
        rig.wrong();
    rig.now -= 3600LL * 1000; // NTP at boot
    QCOMPARE(rig.lockout.retryAfterSeconds(), std::nullopt);
}

QTEST_GUILESS_MAIN(tst_CodeLockout)
#include "tst_codelockout.moc"

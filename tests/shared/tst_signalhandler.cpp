#include "signalhandler.h"

#include <QSignalSpy>
#include <QTest>

#include <csignal>

class tst_SignalHandler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void turnsSignalsIntoQtSignals_data();
    void turnsSignalsIntoQtSignals();
};

void tst_SignalHandler::turnsSignalsIntoQtSignals_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addRow("SIGTERM") << int(SIGTERM);
    QTest::addRow("SIGINT") << int(SIGINT);
}

void tst_SignalHandler::turnsSignalsIntoQtSignals()
{
    QFETCH(int, signalNumber);

    SignalHandler handler;
    QSignalSpy spy(&handler, &SignalHandler::terminationRequested);
    QCOMPARE(::raise(signalNumber), 0);
    QVERIFY(spy.wait(5000));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.constFirst().constFirst().toInt(), signalNumber);
}

QTEST_GUILESS_MAIN(tst_SignalHandler)
#include "tst_signalhandler.moc"

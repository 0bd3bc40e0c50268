#include <QTest>
class tst_forwarder : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(tst_forwarder)
#include "tst_forwarder.moc"

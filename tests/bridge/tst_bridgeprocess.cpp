#include <QTest>
class tst_bridgeprocess : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(tst_bridgeprocess)
#include "tst_bridgeprocess.moc"

#include <QTest>
class tst_bridge : public QObject
{
    Q_OBJECT
};
QTEST_GUILESS_MAIN(tst_bridge)
#include "tst_bridge.moc"

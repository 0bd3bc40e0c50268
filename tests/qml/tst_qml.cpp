#include "testfeed.h"

#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QtQuickTest>

Q_IMPORT_QML_PLUGIN(Vigil_DashboardPlugin)

using namespace Qt::StringLiterals;

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(u"qrc:/qt/qml"_s); // as the dashboard does, for Qt 6.4
        qmlRegisterSingletonInstance("Vigil.Test", 1, 0, "TestFeed", new TestFeed(engine));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(dashboard, Setup)

#include "tst_qml.moc"

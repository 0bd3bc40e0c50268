// The Qt Quick Test of the alarm's views (tst_alarmpanel.qml) against a real vigil-server: the
// page, its alarm panel and keypad, driven with taps as a user does. AlarmBackend is the test's
// hand on the server (started as the server's alarm tests start one: an exit delay, an entry
// delay, a user) and says where the screenshots go.
#include "alarmtestserver.h"
#include "guidepayloads.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QtQuickTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(Vigil_DashboardPlugin)

using namespace Qt::StringLiterals;

class AlarmBackend : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QUrl url READ url CONSTANT)
    Q_PROPERTY(QString code READ code CONSTANT)
public:
    using QObject::QObject;

    QUrl url() const { return m_server ? m_server->process().url() : QUrl(); }
    QString code() const { return u"4711"_s; }

    // Starts the server with a user: "" on success, else why not.
    Q_INVOKABLE QString start()
    {
        if (m_server)
            return {};
        m_server = std::make_unique<AlarmTestServer>(
            AlarmTestServer::Delays{.exit = 60, .entry = 45, .trigger = 60});
        QString error;
        if (!m_server->start(&error))
            return error;
        const QJsonObject user{{u"name"_s, u"alice"_s}, {u"code"_s, code()}};
        if (m_server->http().post(u"/api/users"_s, GuidePayloads::bytes(user)).status != 201)
            return u"could not add the user"_s;
        return {};
    }

    Q_INVOKABLE QString state() { return m_server->state(); }
    Q_INVOKABLE int act(const QString &action, const QString &code = {})
    {
        return m_server->act(action, code).status;
    }
    Q_INVOKABLE int motion(const QString &device) { return m_server->motion(device).status; }
    // PUT /api/devices/{device}/sensor-motion with a name (and the user's code).
    Q_INVOKABLE int name(const QString &device, const QString &name)
    {
        const QJsonObject body{{u"name"_s, name}, {u"code"_s, code()}};
        return m_server->http()
            .put(u"/api/devices/%1/sensor-motion"_s.arg(device), GuidePayloads::bytes(body))
            .status;
    }

    // Where a screenshot called `name` is saved: VIGIL_ARTIFACT_DIR (the build's artifacts).
    Q_INVOKABLE QString artifactPath(const QString &name) const
    {
        QString dir = qEnvironmentVariable("VIGIL_ARTIFACT_DIR");
        if (dir.isEmpty())
            dir = QDir::temp().filePath(u"vigil-dashboard-artifacts"_s);
        QDir().mkpath(dir);
        return QDir(dir).filePath(name);
    }

    Q_INVOKABLE qint64 fileSize(const QString &path) const { return QFileInfo(path).size(); }

private:
    std::unique_ptr<AlarmTestServer> m_server;
};

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(u"qrc:/qt/qml"_s); // as the dashboard does, for Qt 6.4
        qmlRegisterSingletonInstance("Vigil.Test.Alarm", 1, 0, "AlarmBackend",
                                     new AlarmBackend(engine));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(alarmpanel, Setup)

#include "tst_alarmpanel.moc"

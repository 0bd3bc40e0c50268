// `./run.sh demo` without the build: deploy/demo/demo.sh on free ports and a temp state folder.
// It must serve the web page, show events from its simulated sensors, and on SIGTERM (as on
// Ctrl-C) or at the end of --duration stop every process it started: none may be left behind.

#include "freeport.h"
#include "httptestclient.h"
#include "programpath.h"
#include "programprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace Qt::StringLiterals;

namespace {

// Processes whose environment carries the demo's marker for this state folder.
QStringList processesOf(const QString &stateDir)
{
    const QByteArray marker = "VIGIL_DEMO_STATE=" + stateDir.toUtf8();
    QStringList found;
    const QStringList pids = QDir(u"/proc"_s).entryList({u"[0-9]*"_s}, QDir::Dirs);
    for (const QString &pid : pids) {
        QFile environ(u"/proc/"_s + pid + u"/environ"_s);
        if (!environ.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> variables = environ.readAll().split('\0');
        if (variables.contains(marker)) {
            QFile cmdline(u"/proc/"_s + pid + u"/cmdline"_s);
            cmdline.open(QIODevice::ReadOnly);
            found << pid + u' ' + QString::fromUtf8(cmdline.readAll().replace('\0', ' '));
        }
    }
    return found;
}

const QString DemoScript = ProgramPath::sourceDir() + u"/deploy/demo/demo.sh"_s;

} // namespace

class tst_Demo : public QObject
{
    Q_OBJECT

private:
    // Starts the demo; returns its web URL once printed.
    QUrl startDemo(ProgramProcess *demo, const QString &stateDir, int seconds);

private Q_SLOTS:
    void servesPageAndEventsThenStopsEverything();
    void durationEndsItCleanly();
    void interruptStopsEverything();
};

QUrl tst_Demo::startDemo(ProgramProcess *demo, const QString &stateDir, int seconds)
{
    demo->setEnv(u"VIGIL_BIN_DIR"_s, QStringLiteral(VIGIL_BIN_DIR));
    demo->setEnv(u"DEMO_MQTT_PORT"_s, QString::number(FreePort::find()));
    demo->setEnv(u"DEMO_HTTP_PORT"_s, QString::number(FreePort::find()));
    demo->mergeChannels();
    demo->setArguments({u"--duration"_s, QString::number(seconds), u"--no-dashboard"_s,
                        u"--state-dir"_s, stateDir});
    if (!demo->start())
        return {};
    // Ready when it prints where its page is.
    static const QRegularExpression webPage(u"web page:\\s+(\\S+)"_s);
    QRegularExpressionMatch match;
    const bool ended = QTest::qWaitFor(
        [&] {
            match = webPage.match(demo->log());
            return match.hasMatch() || !demo->isRunning();
        },
        30000);
    return ended && match.hasMatch() ? QUrl(match.captured(1)) : QUrl();
}

void tst_Demo::servesPageAndEventsThenStopsEverything()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ProgramProcess demo(DemoScript);
    const QUrl url = startDemo(&demo, state.path(), 120);
    QVERIFY(url.isValid());

    HttpTestClient api(url);
    const HttpTestClient::Reply page = api.get(u"/"_s);
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("<html"));

    // The simulated sensors fire within seconds: a motion first, a mat press a little later.
    const auto hasType = [&api](const QString &type) {
        return !api.get(u"/api/events?type="_s + type).json().array().isEmpty();
    };
    QTRY_VERIFY_WITH_TIMEOUT(hasType(u"motion_detected"_s), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(hasType(u"button_pressed"_s), 30000);
    const QJsonArray devices = api.get(u"/api/devices"_s).json().array();
    QCOMPARE(devices.size(), 2);

    QVERIFY(!processesOf(state.path()).isEmpty());
    QCOMPARE(demo.stop(60000), 0);
    QVERIFY2(processesOf(state.path()).isEmpty(),
             qPrintable(processesOf(state.path()).join(u'\n')));

    // Every program left its log where the demo said.
    for (const char *log : {"mosquitto", "server", "bridge", "agent-motion", "agent-pressure"})
        QVERIFY2(QFile::exists(state.filePath(u"log/"_s + QLatin1StringView(log) + u".log"_s)),
                 log);
}

void tst_Demo::durationEndsItCleanly()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ProgramProcess demo(DemoScript);
    QVERIFY(startDemo(&demo, state.path(), 3).isValid());
    QCOMPARE(demo.waitForExit(60000), 0);
    QVERIFY2(processesOf(state.path()).isEmpty(),
             qPrintable(processesOf(state.path()).join(u'\n')));
}

// Ctrl-C: the terminal sends SIGINT to the script (its programs run in their own sessions, so
// they hear it only from the script, in order).
void tst_Demo::interruptStopsEverything()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ProgramProcess demo(DemoScript);
    const QUrl url = startDemo(&demo, state.path(), 120);
    QVERIFY(url.isValid());
    QCOMPARE(HttpTestClient(url).get(u"/api/health"_s).status, 200);
    demo.signal(SIGINT);
    QCOMPARE(demo.waitForExit(60000), 0);
    QVERIFY2(processesOf(state.path()).isEmpty(),
             qPrintable(processesOf(state.path()).join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_Demo)
#include "tst_demo.moc"

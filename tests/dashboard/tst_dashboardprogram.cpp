// The vigil-dashboard program as a user runs it: its settings, and --screenshot under the
// offscreen platform against a real server holding a few events, one of them an alert.
#include "httptestclient.h"
#include "programprocess.h"
#include "serverprocess.h"

#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int Deadline = 30000;

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run runDashboard(const QStringList &arguments)
{
    ProgramProcess dashboard(u"vigil-dashboard"_s, arguments);
    dashboard.setEnv(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    dashboard.setEnv(u"LANG"_s, u"C.UTF-8"_s);
    Run run;
    if (!dashboard.start())
        return run;
    run.exitCode = dashboard.waitForExit(Deadline);
    run.out = dashboard.standardOutput();
    run.err = dashboard.errorOutput();
    return run;
}

QJsonObject backendEvent(const QString &type, const QString &device, const QString &source,
                         const QJsonObject &data)
{
    return {{u"type"_s, type},
            {u"device_id"_s, device},
            {u"details"_s,
             QJsonObject{{u"event_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                         {u"source"_s, source},
                         {u"data"_s, data}}}};
}

// Counts the pixels of exactly `color`: the theme's alert row colour appears only when an alert
// event is drawn in the list.
int pixelsOf(const QImage &image, QColor color)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += image.pixelColor(x, y).rgb() == color.rgb() ? 1 : 0;
    return count;
}

} // namespace

class TestDashboardProgram : public QObject
{
    Q_OBJECT
private:
    int send(const QByteArray &verb, const QUrl &url, const QJsonDocument &body)
    {
        return HttpTestClient(url).send(verb, {}, body.toJson()).status;
    }

private Q_SLOTS:
    void helpWorksWithoutADisplay()
    {
        const Run run = runDashboard({u"--help"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("--screenshot"));
        QVERIFY(run.out.contains("VIGIL_SERVER"));
    }

    void aBadSettingIsOneLineAndStatus2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("names");
        QTest::addRow("server") << QStringList{u"--server"_s, u"ftp://example"_s}
                                << "VIGIL_SERVER"_ba;
        QTest::addRow("screenshot")
            << QStringList{u"--screenshot"_s, u"shot.jpg"_s} << "VIGIL_SCREENSHOT"_ba;
        QTest::addRow("lang") << QStringList{u"--lang"_s, u"french!"_s} << "VIGIL_LANG"_ba;
    }

    void aBadSettingIsOneLineAndStatus2()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, names);
        const Run run = runDashboard(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(names), run.err.constData());
        QCOMPARE(run.err.trimmed().count('\n'), 0);
    }

    void screenshotShowsTheServersEvents()
    {
        ServerProcess server;
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const QUrl events = server.url().resolved(QUrl(u"/api/events"_s));
        QCOMPARE(send("POST", events,
                      QJsonDocument(backendEvent(u"sensor_online"_s, u"raspberry-1"_s,
                                                 u"sensor-motion"_s, {}))),
                 201);
        QCOMPARE(send("POST", events,
                      QJsonDocument(backendEvent(u"button_pressed"_s, u"raspberry-1"_s,
                                                 u"sensor-pressure"_s,
                                                 {{u"duration_ms"_s, 640}, {u"gpio_pin"_s, 27}}))),
                 201);
        QCOMPARE(send("PUT", server.url().resolved(QUrl(u"/api/mode"_s)),
                      QJsonDocument(QJsonObject{{u"mode"_s, u"surveillance"_s}})),
                 200);
        QCOMPARE(send("POST", events,
                      QJsonDocument(backendEvent(u"motion_detected"_s, u"raspberry-1"_s,
                                                 u"sensor-motion"_s,
                                                 {{u"presence"_s, true}, {u"gpio_pin"_s, 17}}))),
                 201);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"dashboard.png"_s);
        const Run run = runDashboard({u"--server"_s, server.url().toString(), u"--screenshot"_s,
                                      path, u"--lang"_s, u"en"_s});
        QVERIFY2(run.exitCode == 0, run.err.constData());

        const QImage image(path);
        QVERIFY2(!image.isNull(), "the PNG loads");
        QCOMPARE(image.size(), QSize(800, 480));
        // The alert event's row is drawn in the theme's alert colour (#3a1716).
        QVERIFY2(pixelsOf(image, QColor(u"#3a1716"_s)) > 5000, "the alert row is visible");
        // Connected: no banner, so the warning colour of the banner is absent.
        QCOMPARE(pixelsOf(image, QColor(u"#4a3a10"_s)), 0);
    }
};

QTEST_GUILESS_MAIN(TestDashboardProgram)
#include "tst_dashboardprogram.moc"

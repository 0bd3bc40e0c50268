// vigil-dashboard: settings, translations, the connection and the QML window. Everything else
// lives in vigil_dashboard_core and the Vigil.Dashboard QML module.
#include "alertsound.h"
#include "dashboardsettings.h"
#include "logging.h"
#include "screenshottaker.h"
#include "serverconnection.h"
#include "signalhandler.h"

#include <QGuiApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTranslator>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(Vigil_DashboardPlugin)

Q_LOGGING_CATEGORY(lcMain, "vigil.dashboard.main")

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// The forced language, else the system's; English (the source strings) when none matches.
void installTranslations(QGuiApplication &app, const QString &language)
{
    if (!language.isEmpty())
        QLocale::setDefault(QLocale(language));
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale(), u"vigil-dashboard"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(translator);
    else
        qCDebug(lcMain) << "no translation for" << QLocale().uiLanguages();
}

} // namespace

int main(int argc, char *argv[])
{
    // Settings first, from the raw arguments: --help must work without a display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const auto loaded = Settings::loadConfig<DashboardConfig>(DashboardSettings::program(),
                                                              arguments, &DashboardSettings::load);
    if (!loaded.config)
        return loaded.report();
    const DashboardConfig &config = *loaded.config;
    Logging::install(u"vigil-dashboard"_s, config.logLevel);
    loaded.settings->logWarnings();

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"vigil-dashboard"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));
    installTranslations(app, config.language);
    QQuickStyle::setStyle(u"Basic"_s);

    ServerConnection connection;
    connection.setServerUrl(config.server);
    connection.setToken(config.token);

    AlertSound sound;
    sound.setMuted(config.mute || !config.screenshot.isEmpty());
    QObject::connect(connection.alert(), &AlertController::ringRequested, &sound,
                     &AlertSound::ring);
    QObject::connect(connection.alert(), &AlertController::silenced, &sound, &AlertSound::stop);

    SignalHandler signalHandler;
    QObject::connect(&signalHandler, &SignalHandler::terminationRequested, &app,
                     [] { QCoreApplication::exit(0); });

    QQmlApplicationEngine engine;
    // Qt 6.4 does not look for modules in the resources by itself (6.5 and later look in
    // qrc:/qt/qml, where ours is on both: see RESOURCE_PREFIX in dashboard/CMakeLists.txt).
    engine.addImportPath(u"qrc:/qt/qml"_s);
    engine.setInitialProperties({{u"connection"_s, QVariant::fromValue(&connection)}});
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/qt/qml/Vigil/Dashboard/Main.qml"_s));
    auto *window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        std::fprintf(stderr, "vigil-dashboard: error: the user interface failed to load\n");
        return 1;
    }
    if (config.fullscreen)
        window->showFullScreen();
    else
        window->show();
    connection.start();

    if (!config.screenshot.isEmpty()) {
        auto *taker = new ScreenshotTaker(window, &connection, config.screenshot, &app);
        QObject::connect(taker, &ScreenshotTaker::finished, &app,
                         [](bool ok, const QString &message) {
                             std::fprintf(stderr, "vigil-dashboard: %s%s\n",
                                          ok ? "" : "error: ", qPrintable(message));
                             QCoreApplication::exit(ok ? 0 : 1);
                         });
        taker->start(10s);
    }
    return app.exec();
}

// vigil-bridge: MQTT sensor events -> durable outbox -> vigil-server. See bridge.h.
#include "bridge.h"
#include "bridgesettings.h"
#include "bridgestatus.h"
#include "logging.h"
#include "privatefiles.h"
#include "settings.h"
#include "signalhandler.h"
#include "systemdnotifier.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

int printStatus(const QString &outboxPath)
{
    QString error;
    const std::optional<BridgeStatus> status = BridgeStatus::read(outboxPath, &error);
    if (!status) {
        const QString line =
            u"error: %1=%2: %3"_s.arg(BridgeSettings::OutboxPath, outboxPath, error);
        std::fprintf(stderr, "%s\n", qPrintable(line));
        return 1;
    }
    std::fputs(qPrintable(status->toText(outboxPath)), stdout);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    PrivateFiles::restrictNewFiles();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"vigil-bridge"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    const auto loaded = Settings::loadConfig<BridgeConfig>(BridgeSettings::program(),
                                                           app.arguments(), &BridgeSettings::load);
    if (!loaded.config)
        return loaded.report();
    const BridgeConfig &config = *loaded.config;
    if (config.printStatus)
        return printStatus(config.outboxPath);

    Logging::install(u"vigil-bridge"_s, config.logLevel);
    loaded.settings->logWarnings();
    Bridge bridge(config);
    // The handler first: a SIGTERM while the outbox opens (systemd stopping a starting service)
    // is then a clean shutdown once the loop runs, not a kill.
    SystemdNotifier systemd;
    SignalHandler signalHandler;
    QObject::connect(&signalHandler, &SignalHandler::terminationRequested, &app, [&](int) {
        systemd.stopping();
        bridge.shutdown();
        QCoreApplication::quit();
    });
    QString error;
    if (!bridge.start(&error)) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(loaded.settings->errorLine(BridgeSettings::OutboxPath,
                                                           u"cannot open it: "_s + error)));
        return 2;
    }
    systemd.ready(); // the outbox is open: every message read from now on is kept
    return app.exec();
}

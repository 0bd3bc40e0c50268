// vigil-bridge: MQTT sensor events -> durable outbox -> vigil-server. See bridge.h.
#include "bridge.h"
#include "bridgesettings.h"
#include "bridgestatus.h"
#include "logging.h"
#include "mqttclient.h"
#include "mqttsettings.h"
#include "settings.h"
#include "signalhandler.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

int printStatus(const QString &outboxPath)
{
    QString error;
    const std::optional<BridgeStatus> status = BridgeStatus::read(outboxPath, &error);
    if (!status) {
        std::fprintf(stderr, "error: OUTBOX=%s: %s\n", qPrintable(outboxPath), qPrintable(error));
        return 1;
    }
    std::fputs(qPrintable(status->toText(outboxPath)), stdout);
    return 0;
}

Bridge::Options bridgeOptions(const Settings &settings, QString *caError)
{
    Bridge::Options options;
    options.topicFilters = settings.list(QStringLiteral("MQTT_TOPICS"));
    options.clientId = settings.text(QStringLiteral("MQTT_CLIENT_ID"));
    options.outboxPath = settings.text(QStringLiteral("OUTBOX"));
    options.outboxSync = settings.text(QStringLiteral("OUTBOX_SYNC")) == u"full"
                             ? Outbox::Sync::Full
                             : Outbox::Sync::Normal;
    options.outboxMaxEvents = settings.integer(QStringLiteral("OUTBOX_MAX_EVENTS"));
    options.typeMap = settings.text(QStringLiteral("TYPE_MAP"));
    options.defaultDeviceId = settings.text(QStringLiteral("DEVICE_ID"));
    options.maxPayload = settings.integer(QStringLiteral("MAX_PAYLOAD"));
    options.forwarder.backendUrl = settings.url(QStringLiteral("BACKEND_URL"));
    options.forwarder.token = settings.text(QStringLiteral("BACKEND_TOKEN"));
    options.forwarder.maxBatchBytes = settings.integer(QStringLiteral("BATCH_MAX_BYTES"));
    options.forwarder.maxBatchEvents = int(settings.integer(QStringLiteral("BATCH_MAX_EVENTS")));
    if (settings.isSet(QStringLiteral("BACKEND_CAFILE")))
        options.forwarder.extraCaCertificates = BridgeSettings::caCertificates(
            settings.text(QStringLiteral("BACKEND_CAFILE")), caError);
    return options;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigil-bridge"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    int exitCode = 0;
    const std::optional<Settings> settings =
        Settings::loadOrReport(BridgeSettings::program(), app.arguments(), &exitCode);
    if (!settings)
        return exitCode;
    if (settings->boolean(QStringLiteral("BRIDGE_STATUS")))
        return printStatus(settings->text(QStringLiteral("OUTBOX")));

    Logging::install(QStringLiteral("vigil-bridge"), settings->text(QStringLiteral("LOG_LEVEL")));
    QString error;
    const Bridge::Options options = bridgeOptions(*settings, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(settings->errorLine(QStringLiteral("BACKEND_CAFILE"), error)));
        return 2;
    }

    Bridge bridge(options);
    MqttSettings::apply(*settings, bridge.mqttClient());
    if (!bridge.start(&error)) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(settings->errorLine(QStringLiteral("OUTBOX"),
                                                    QStringLiteral("cannot open it: ") + error)));
        return 2;
    }

    SignalHandler signalHandler;
    QObject::connect(&signalHandler, &SignalHandler::terminationRequested, &app, [&bridge](int) {
        bridge.shutdown();
        QCoreApplication::quit();
    });
    return app.exec();
}

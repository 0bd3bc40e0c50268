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

using namespace Qt::StringLiterals;

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
    options.topicFilters = settings.list(u"MQTT_TOPICS"_s);
    options.clientId = settings.text(u"MQTT_CLIENT_ID"_s);
    options.outboxPath = settings.text(u"OUTBOX"_s);
    options.outboxSync =
        settings.text(u"OUTBOX_SYNC"_s) == u"full" ? Outbox::Sync::Full : Outbox::Sync::Normal;
    options.outboxMaxEvents = settings.integer(u"OUTBOX_MAX_EVENTS"_s);
    options.typeMap = settings.text(u"TYPE_MAP"_s);
    options.defaultDeviceId = settings.text(u"DEVICE_ID"_s);
    options.maxPayload = settings.integer(u"MAX_PAYLOAD"_s);
    options.forwarder.backendUrl = settings.url(u"BACKEND_URL"_s);
    options.forwarder.token = settings.text(u"BACKEND_TOKEN"_s);
    options.forwarder.maxBatchBytes = settings.integer(u"BATCH_MAX_BYTES"_s);
    options.forwarder.maxBatchEvents = int(settings.integer(u"BATCH_MAX_EVENTS"_s));
    if (settings.isSet(u"BACKEND_CAFILE"_s))
        options.forwarder.extraCaCertificates =
            BridgeSettings::caCertificates(settings.text(u"BACKEND_CAFILE"_s), caError);
    return options;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"vigil-bridge"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    int exitCode = 0;
    const std::optional<Settings> settings =
        Settings::loadOrReport(BridgeSettings::program(), app.arguments(), &exitCode);
    if (!settings)
        return exitCode;
    if (settings->boolean(u"BRIDGE_STATUS"_s))
        return printStatus(settings->text(u"OUTBOX"_s));

    Logging::install(u"vigil-bridge"_s, settings->text(u"LOG_LEVEL"_s));
    QString error;
    const Bridge::Options options = bridgeOptions(*settings, &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(settings->errorLine(u"BACKEND_CAFILE"_s, error)));
        return 2;
    }

    Bridge bridge(options);
    MqttSettings::apply(*settings, bridge.mqttClient());
    if (!bridge.start(&error)) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(settings->errorLine(u"OUTBOX"_s, u"cannot open it: "_s + error)));
        return 2;
    }

    SignalHandler signalHandler;
    QObject::connect(&signalHandler, &SignalHandler::terminationRequested, &app, [&bridge](int) {
        bridge.shutdown();
        QCoreApplication::quit();
    });
    return app.exec();
}

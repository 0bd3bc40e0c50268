// vigil-agent: one GPIO sensor (or simulated input) to MQTT. Everything but the wiring of the
// process lives in vigil_agent_core.
#include "agentsettings.h"
#include "logging.h"
#include "mqttclient.h"
#include "mqttsettings.h"
#include "privatefiles.h"
#include "sensoragent.h"
#include "signalhandler.h"
#include "systemdnotifier.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    PrivateFiles::restrictNewFiles();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"vigil-agent"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    const auto loaded = Settings::loadConfig<AgentConfig>(
        AgentSettings::program(), QCoreApplication::arguments(), &AgentSettings::load);
    if (!loaded.config)
        return loaded.report();
    Logging::install(u"vigil-agent"_s, loaded.config->logLevel);
    loaded.settings->logWarnings();

    MqttClient client;
    MqttSettings::apply(loaded.config->mqtt, &client);
    SensorAgent agent(*loaded.config, &client);
    SystemdNotifier systemd;
    SignalHandler signalHandler;
    int terminationRequests = 0;
    QObject::connect(&signalHandler, &SignalHandler::terminationRequested, &agent, [&] {
        // The first signal drains the queue to the broker (bounded by ShutdownTimeoutMs); a
        // second one means the operator does not want to wait.
        if (++terminationRequests == 1) {
            systemd.stopping();
            agent.stop();
            return;
        }
        std::fprintf(stderr, "vigil-agent: second termination signal: exiting without waiting "
                             "for the broker\n");
        QCoreApplication::exit(0);
    });
    QObject::connect(&agent, &SensorAgent::finished, &app,
                     [&agent] { QCoreApplication::exit(agent.exitCode()); });
    if (!agent.start()) {
        // The input could not be opened: a setting names the wrong chip or line, or a
        // permission is missing. Same one-line form as the loader's errors.
        std::fprintf(
            stderr, "%s\n",
            qUtf8Printable(loaded.settings->errorLine(agent.errorSetting(), agent.errorString())));
        return 2;
    }
    systemd.ready(); // the input lines are open
    return app.exec();
}

#include "logging.h"
#include "privatefiles.h"
#include "serversettings.h"
#include "signalhandler.h"
#include "systemdnotifier.h"
#include "usercommand.h"
#include "vigilserver.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

int fail(const QString &line, int status)
{
    std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
    return status;
}

} // namespace

int main(int argc, char *argv[])
{
    PrivateFiles::restrictNewFiles();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"vigil-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIL_VERSION));

    const QStringList arguments = QCoreApplication::arguments();
    const bool userCommand = UserCommand::isUserCommand(arguments);
    const auto loaded = Settings::loadConfig<ServerConfig>(
        ServerSettings::program(),
        userCommand ? UserCommand::settingsArguments(arguments) : arguments, &ServerSettings::load);
    if (!loaded.config)
        return loaded.report();
    if (userCommand)
        return UserCommand::run(arguments, *loaded.config);
    Logging::install(u"vigil-server"_s, loaded.config->logLevel);
    loaded.settings->logWarnings();

    VigilServer server(*loaded.config);
    // The handler first: a SIGTERM while the store opens is a clean shutdown once the loop runs.
    SystemdNotifier systemd;
    SignalHandler signalHandler;
    QObject::connect(&signalHandler, &SignalHandler::terminationRequested, &systemd,
                     &SystemdNotifier::stopping);
    QObject::connect(&signalHandler, &SignalHandler::terminationRequested, &server,
                     &VigilServer::shutdown);
    QObject::connect(&server, &VigilServer::finished, &app, &QCoreApplication::quit);
    QString error;
    switch (server.start(&error)) {
    case VigilServer::StartError::None:
        break;
    case VigilServer::StartError::Settings:
        return fail(error, 2);
    case VigilServer::StartError::Runtime:
        return fail(error, 1);
    }
    systemd.ready(); // listening and the store open
    return app.exec();
}

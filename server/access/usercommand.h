#pragma once

#include <QStringList>

struct ServerConfig;

// `vigil-server users add NAME | list | remove NAME`, for headless set-ups: the same users as
// /api/users, on the configured DATABASE (the server may be running: SQLite serialises the
// writes). The code of `add` is read from standard input (one line; not echoed on a terminal),
// never from the command line, where any local user could read it in /proc. Prints one line
// per user or one error line; returns the exit status.
class UserCommand
{
public:
    // The words after "users" on the command line.
    static bool isUserCommand(const QStringList &arguments); // arguments[1] == "users"
    // The arguments with the command's words taken out, for the settings loader.
    static QStringList settingsArguments(const QStringList &arguments);
    static int run(const QStringList &arguments, const ServerConfig &config);
};

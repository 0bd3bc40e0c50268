#include "usercommand.h"

#include "codehasher.h"
#include "serversettings.h"
#include "sqlitealarmstore.h"
#include "sqliteeventstore.h"
#include "storedevent.h"
#include "userroutes.h"

#include <QDateTime>
#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString Usage = u"usage: vigil-server users add NAME | list | remove NAME"_s;

// The command's own words: "users" and what follows it up to the first option.
QStringList commandWords(const QStringList &arguments)
{
    QStringList words;
    for (qsizetype i = 2; i < arguments.size() && !arguments.at(i).startsWith(u'-'); ++i)
        words.append(arguments.at(i));
    return words;
}

int fail(const QString &line, int status)
{
    std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
    return status;
}

// One line from standard input, with the terminal's echo off while it is typed.
QString readCode()
{
    termios saved{};
    const bool terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (terminal) {
        std::fprintf(stderr, "code: ");
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QTextStream input(stdin);
    QString line = input.readLine(CodeHasher::MaxLength + 2);
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    return line;
}

} // namespace

bool UserCommand::isUserCommand(const QStringList &arguments)
{
    return arguments.size() > 1 && arguments.at(1) == u"users";
}

QStringList UserCommand::settingsArguments(const QStringList &arguments)
{
    QStringList rest{arguments.value(0)};
    rest += arguments.mid(2 + commandWords(arguments).size());
    return rest;
}

int UserCommand::run(const QStringList &arguments, const ServerConfig &config)
{
    const QStringList words = commandWords(arguments);
    const QString verb = words.value(0);
    if (!((verb == u"list" && words.size() == 1) ||
          ((verb == u"add" || verb == u"remove") && words.size() == 2)))
        return fail(Usage, 2);

    SqliteEventStore events(config.database, config.databaseSync);
    SqliteAlarmStore store(&events);
    QString error;
    if (!events.open(&error))
        return fail(u"error: DATABASE=%1: %2"_s.arg(config.database, error), 1);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString by = u"command line"_s;

    if (verb == u"list") {
        const auto users = store.users(&error);
        if (!users)
            return fail(u"error: "_s + error, 1);
        for (const UserRecord &user : *users) {
            std::printf("%s\t%s\n", user.name.toUtf8().constData(),
                        StoredEvent::formatTime(user.createdAtMs).toUtf8().constData());
        }
        return 0;
    }
    const QString &name = words.at(1);
    if (verb == u"remove") {
        const auto removed = store.removeUser(name, {0, now, u"user_removed"_s, by, name}, &error);
        if (!removed)
            return fail(u"error: "_s + error, 1);
        if (!*removed)
            return fail(u"error: no user %1"_s.arg(name), 1);
        std::printf("removed %s\n", name.toUtf8().constData());
        return 0;
    }
    if (const QString invalid = UserRoutes::validateName(name); !invalid.isEmpty())
        return fail(u"error: "_s + invalid, 2);
    const auto users = store.users(&error);
    if (!users)
        return fail(u"error: "_s + error, 1);
    if (users->size() >= UserRoutes::MaxUsers)
        return fail(u"error: users: at most %1"_s.arg(UserRoutes::MaxUsers), 1);
    const QString code = readCode();
    if (const QString invalid = CodeHasher::validate(code); !invalid.isEmpty())
        return fail(u"error: "_s + invalid, 2);
    const QByteArray hash = CodeHasher::hash(code);
    if (hash.isEmpty())
        return fail(u"error: cannot hash the code (out of memory?)"_s, 1);
    const auto added =
        store.addUser({name, hash, now}, {0, now, u"user_added"_s, by, name}, &error);
    if (!added)
        return fail(u"error: "_s + error, 1);
    if (!*added)
        return fail(u"error: name: %1 is already a user"_s.arg(name), 1);
    std::printf("added %s\n", name.toUtf8().constData());
    return 0;
}

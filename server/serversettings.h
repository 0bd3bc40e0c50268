#pragma once

#include "settings.h"
#include "sqliteeventstore.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

// vigil-server's settings table and the checked configuration built from it. The table is the
// one place where names, defaults and help live; fromSettings() adds the checks that involve
// more than one setting (TLS pair, auth on a non-loopback address). A plain value; any thread.
struct ServerConfig
{
    QHostAddress host;
    quint16 port = 8000;
    QString database;
    SqliteEventStore::Sync databaseSync = SqliteEventStore::Sync::Normal;
    QStringList apiTokens; // secret: never logged
    bool allowNoAuth = false;
    QString tlsCert;
    QString tlsKey;
    qint64 maxBody = 1024LL * 1024;
    QStringList alertTypes;
    qint64 wsMaxBuffer = 4LL * 1024 * 1024;
    int wsPingIntervalMs = 30000;
    QString logLevel;
};

class ServerSettings
{
public:
    static ProgramSpec program();

    // The checked configuration, or nullopt with the one error line in *error.
    static std::optional<ServerConfig> fromSettings(const Settings &settings, QString *error);
};

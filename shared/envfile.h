#pragma once

#include <QHash>
#include <QString>

// The --env-file of every program, in docker-compose .env syntax: KEY=VALUE per line, '#'
// comments, blank lines, optional single or double quotes around the value, an optional leading
// "export ". Read once at start-up by the settings loader; any thread.
class EnvFile
{
public:
    struct Entry
    {
        QString text;
        QString origin; // "PATH:LINE", for the error lines
    };

    // Every KEY=VALUE of the file into *values, or false with the one error line in *error.
    static bool read(const QString &path, QHash<QString, Entry> *values, QString *error);
};

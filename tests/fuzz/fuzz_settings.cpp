// vigil-server's settings from an env file and flags: the input's first line is split on spaces
// into flags, the rest is the --env-file's content (shared/settings, server/serversettings).
#include "serversettings.h"

#include <QByteArray>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    static const QString envPath = dir.filePath(u"fuzz.env"_s);
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    QFile file(envPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 0;
    file.write(newline < 0 ? QByteArray() : input.mid(newline + 1));
    file.close();

    QStringList arguments{u"vigil-server"_s, u"--env-file"_s, envPath};
    arguments += QString::fromUtf8(newline < 0 ? input : input.left(newline))
                     .split(u' ', Qt::SkipEmptyParts);
    const auto loaded = Settings::loadConfig<ServerConfig>(
        ServerSettings::program(), arguments, &ServerSettings::load, QProcessEnvironment());
    // Either a config to run with, or a reason (help and version print something too).
    if (!loaded.config && loaded.output.isEmpty())
        __builtin_trap();
    return 0;
}

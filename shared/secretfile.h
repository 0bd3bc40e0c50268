#pragma once

#include <QString>

#include <optional>

// A secret setting's value read from a file (NAME_FILE), the docker-compose secrets and systemd
// credentials convention: the whole content, one trailing newline stripped. Keeps the secret off
// the command line (/proc/PID/cmdline is world-readable) and out of the environment. Read once
// at start-up, before the event loop runs; any thread.
class SecretFile
{
public:
    // A secret is a password or a few tokens; anything larger is the wrong file (or /dev/zero).
    static constexpr qint64 MaxBytes = qint64{64} * 1024;

    // The secret, or nullopt with *error saying in a few words what was wrong with the file
    // (never its content).
    static std::optional<QString> read(const QString &path, QString *error);
};

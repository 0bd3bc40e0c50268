#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// Runs Debian's real pulseaudio for a test: no hardware, one null sink (it plays into nothing,
// at the pace of a real card), anonymous clients on a socket in its own QTemporaryDir. start()
// points this process at it (PULSE_SERVER) and returns once the socket accepts clients (deadline
// 10 s). ./run.sh test installs it except where PipeWire serves the desktop (see run.sh): tests
// ask isInstalled() and say so when they skip. The destructor stops the server. Test thread
// only; blocking calls.
class PulseAudioServer
{
public:
    PulseAudioServer() = default;
    ~PulseAudioServer();
    PulseAudioServer(const PulseAudioServer &) = delete;
    PulseAudioServer &operator=(const PulseAudioServer &) = delete;

    static bool isInstalled();
    bool start(QString *error);

private:
    QString logTail() const;

    QTemporaryDir m_dir;
    QProcess m_process;
};

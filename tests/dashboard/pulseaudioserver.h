#pragma once

#include "programprocess.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

// Runs Debian's real pulseaudio for a test: no hardware, one null sink (it plays into nothing,
// at the pace of a real card), anonymous clients on a socket in its own QTemporaryDir. start()
// points this process at it (PULSE_SERVER) and returns once the socket accepts clients (deadline
// 10 s). ./run.sh test installs it except where PipeWire serves the desktop (see run.sh): tests
// ask isInstalled() and say so when they skip. The server is a ProgramProcess (it dies with the
// test, and its log is printed when the test fails); the destructor stops it. Test thread only.
class PulseAudioServer
{
public:
    PulseAudioServer() = default;
    ~PulseAudioServer()
    {
        if (m_process)
            m_process->stop(5000);
    }
    PulseAudioServer(const PulseAudioServer &) = delete;
    PulseAudioServer &operator=(const PulseAudioServer &) = delete;

    static bool isInstalled();
    bool start(QString *error);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ProgramProcess> m_process;
};

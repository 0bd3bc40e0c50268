#include "pulseaudioserver.h"

#include <QFile>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int StartDeadlineMs = 10000;

} // namespace

bool PulseAudioServer::isInstalled()
{
    return !QStandardPaths::findExecutable(u"pulseaudio"_s).isEmpty();
}

bool PulseAudioServer::start(QString *error)
{
    const QString program = QStandardPaths::findExecutable(u"pulseaudio"_s);
    if (program.isEmpty()) {
        *error = u"pulseaudio is not installed (./run.sh test installs it)"_s;
        return false;
    }
    if (!m_dir.isValid()) {
        *error = u"cannot make a temporary folder: "_s + m_dir.errorString();
        return false;
    }
    // Its own runtime and home folders, so it meets no other sound server and leaves nothing.
    const QString socketPath = m_dir.filePath(u"native"_s);
    m_process = std::make_unique<ProgramProcess>(
        program,
        QStringList{u"--daemonize=no"_s, u"-n"_s, u"--exit-idle-time=-1"_s, u"--use-pid-file=no"_s,
                    u"--load=module-null-sink sink_name=vigil_test"_s,
                    u"--load=module-native-protocol-unix "
                    "auth-anonymous=1 socket="_s +
                        socketPath});
    m_process->setEnv(u"XDG_RUNTIME_DIR"_s, m_dir.path());
    m_process->setEnv(u"HOME"_s, m_dir.path());
    m_process->mergeChannels();
    if (!m_process->start(error))
        return false;
    const auto accepts = [&socketPath] {
        QLocalSocket probe;
        probe.connectToServer(socketPath);
        return probe.waitForConnected(200);
    };
    if (!QTest::qWaitFor([&] { return accepts() || !m_process->isRunning(); }, StartDeadlineMs) ||
        !m_process->isRunning()) {
        *error = m_process->isRunning()
                     ? u"pulseaudio did not open %1 within %2 ms:\n%3"_s.arg(socketPath)
                           .arg(StartDeadlineMs)
                           .arg(m_process->log().right(2000))
                     : u"pulseaudio exited with code %1:\n%2"_s.arg(m_process->exitCode())
                           .arg(m_process->log().right(2000));
        return false;
    }
    qputenv("PULSE_SERVER", QByteArray("unix:" + QFile::encodeName(socketPath)));
    return true;
}

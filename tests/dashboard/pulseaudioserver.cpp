#include "pulseaudioserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QLocalSocket>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

constexpr int StartDeadlineMs = 10000;

} // namespace

PulseAudioServer::~PulseAudioServer()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

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
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_dir.path());
    environment.insert(u"HOME"_s, m_dir.path());
    m_process.setProcessEnvironment(environment);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_dir.filePath(u"pulseaudio.log"_s));
    const QString socketPath = m_dir.filePath(u"native"_s);
    m_process.start(program,
                    {u"--daemonize=no"_s, u"-n"_s, u"--exit-idle-time=-1"_s, u"--use-pid-file=no"_s,
                     u"--load=module-null-sink sink_name=vigil_test"_s,
                     u"--load=module-native-protocol-unix "
                     "auth-anonymous=1 socket="_s +
                         socketPath});
    if (!m_process.waitForStarted(StartDeadlineMs)) {
        *error = u"cannot start %1: %2"_s.arg(program, m_process.errorString());
        return false;
    }
    const QDeadlineTimer deadline(StartDeadlineMs);
    while (!deadline.hasExpired()) {
        QLocalSocket probe;
        probe.connectToServer(socketPath);
        if (probe.waitForConnected(200)) {
            const QByteArray server = "unix:" + QFile::encodeName(socketPath);
            qputenv("PULSE_SERVER", server);
            return true;
        }
        // Doubles as the pause between attempts, and notices a server that quit.
        if (m_process.waitForFinished(50)) {
            *error =
                u"pulseaudio exited with code %1:\n%2"_s.arg(m_process.exitCode()).arg(logTail());
            return false;
        }
    }
    *error = u"pulseaudio did not open %1 within %2 ms:\n%3"_s.arg(socketPath)
                 .arg(StartDeadlineMs)
                 .arg(logTail());
    return false;
}

QString PulseAudioServer::logTail() const
{
    QFile log(m_dir.filePath(u"pulseaudio.log"_s));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = log.readAll();
    return QString::fromUtf8(text.right(2000));
}

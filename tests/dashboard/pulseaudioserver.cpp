#include "pulseaudioserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QLocalSocket>
#include <QStandardPaths>

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
    return !QStandardPaths::findExecutable(QStringLiteral("pulseaudio")).isEmpty();
}

bool PulseAudioServer::start(QString *error)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("pulseaudio"));
    if (program.isEmpty()) {
        *error = QStringLiteral("pulseaudio is not installed (./run.sh test installs it)");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot make a temporary folder: ") + m_dir.errorString();
        return false;
    }
    // Its own runtime and home folders, so it meets no other sound server and leaves nothing.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    m_process.setProcessEnvironment(environment);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_dir.filePath(QStringLiteral("pulseaudio.log")));
    const QString socketPath = m_dir.filePath(QStringLiteral("native"));
    m_process.start(program,
                    {QStringLiteral("--daemonize=no"), QStringLiteral("-n"),
                     QStringLiteral("--exit-idle-time=-1"), QStringLiteral("--use-pid-file=no"),
                     QStringLiteral("--load=module-null-sink sink_name=vigil_test"),
                     QStringLiteral("--load=module-native-protocol-unix "
                                    "auth-anonymous=1 socket=") +
                         socketPath});
    if (!m_process.waitForStarted(StartDeadlineMs)) {
        *error = QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString());
        return false;
    }
    const QDeadlineTimer deadline(StartDeadlineMs);
    while (!deadline.hasExpired()) {
        QLocalSocket probe;
        probe.connectToServer(socketPath);
        if (probe.waitForConnected(200)) {
            qputenv("PULSE_SERVER", "unix:" + QFile::encodeName(socketPath));
            return true;
        }
        // Doubles as the pause between attempts, and notices a server that quit.
        if (m_process.waitForFinished(50)) {
            *error = QStringLiteral("pulseaudio exited with code %1:\n%2")
                         .arg(m_process.exitCode())
                         .arg(logTail());
            return false;
        }
    }
    *error = QStringLiteral("pulseaudio did not open %1 within %2 ms:\n%3")
                 .arg(socketPath)
                 .arg(StartDeadlineMs)
                 .arg(logTail());
    return false;
}

QString PulseAudioServer::logTail() const
{
    QFile log(m_dir.filePath(QStringLiteral("pulseaudio.log")));
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QByteArray text = log.readAll();
    return QString::fromUtf8(text.right(2000));
}

#include "programprocess.h"

#include "programpath.h"

#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// The log printed for a failed test: its end is where the reason is.
constexpr qsizetype FailureLogBytes = 8000;

} // namespace

const QStringList &ProgramProcess::settingNames()
{
    // The agent's and the bridge's (contract.md and their extras), the server's, the dashboard's
    // and the logging ones.
    static const QStringList names =
        u"MQTT_BROKER MQTT_PORT MQTT_USERNAME MQTT_PASSWORD MQTT_CAFILE MQTT_KEEPALIVE MQTT_TOPIC "
        "MQTT_TOPICS MQTT_CLIENT_ID SENSOR_KIND SENSOR_PIN GPIO_CHIP ACTIVE_LOW DEBOUNCE_MS "
        "PRESSURE_MIN_MS DEVICE_ID SIMULATE BACKEND_URL BACKEND_TOKEN BACKEND_CAFILE OUTBOX "
        "TYPE_MAP MAX_PAYLOAD BATCH_MAX_BYTES OUTBOX_SYNC OUTBOX_MAX_EVENTS BATCH_MAX_EVENTS "
        "BRIDGE_STATUS QUEUE_MAX PORT HOST DATABASE API_TOKENS ALLOW_NO_AUTH TLS_CERT TLS_KEY "
        "MAX_BODY ALERT_TYPES WS_MAX_BUFFER WS_PING_INTERVAL MAX_CONNECTIONS IDLE_TIMEOUT "
        "REQUEST_TIMEOUT PUBLIC_URL ALLOWED_ORIGINS ALLOWED_HOSTS EXIT_DELAY ENTRY_DELAY "
        "TRIGGER_TIME "
        "CODE_ARM_REQUIRED CODE_MAX_ATTEMPTS CODE_LOCKOUT HEARTBEAT_TIMEOUT OFFLINE_GRACE "
        "BRIDGE_ID HEARTBEAT_INTERVAL VIGIL_SERVER VIGIL_TOKEN "
        "LOG_LEVEL QT_LOGGING_RULES ENV_FILE MQTT_PASSWORD_FILE BACKEND_TOKEN_FILE API_TOKENS_FILE "
        "VIGIL_TOKEN_FILE NOTIFY_SOCKET WATCHDOG_USEC WATCHDOG_PID"_s.split(u' ');
    return names;
}

void ProgramProcess::dieWithParent(QProcess &process)
{
    const pid_t parent = ::getpid();
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::signal(SIGINT, SIG_DFL);
        // The test died before prctl took effect: nobody would send the signal any more.
        if (::getppid() != parent)
            ::_exit(127);
    });
}

int ProgramProcess::run(const QString &program, const QStringList &arguments, QString *output,
                        const RunOptions &options)
{
    ProgramProcess tool(program, arguments, options.env);
    tool.mergeChannels();
    tool.setWorkingDirectory(options.workingDirectory);
    QString error;
    if (!tool.start(&error)) {
        if (output)
            *output = error;
        return -1;
    }
    if (!options.input.isEmpty())
        tool.write(options.input);
    tool.closeInput();
    const int exitCode = tool.waitForExit(options.timeoutMs);
    if (output)
        *output = tool.log().trimmed();
    return exitCode;
}

ProgramProcess::ProgramProcess(QString program, QStringList arguments,
                               const QProcessEnvironment &env)
    : m_program(std::move(program))
    , m_arguments(std::move(arguments))
{
    setEnv(env);
}

ProgramProcess::~ProgramProcess()
{
    if (isRunning())
        kill();
    if (m_process && QTest::currentTestFailed()) {
        const QByteArray text = errorOutput().right(FailureLogBytes);
        qWarning("--- %s (exit %d) wrote:\n%s", qPrintable(m_program), exitCode(),
                 text.constData());
    }
}

void ProgramProcess::setEnv(const QProcessEnvironment &env)
{
    const QStringList keys = env.keys();
    for (const QString &key : keys)
        m_env.insert(key, env.value(key));
}

bool ProgramProcess::start(QString *error)
{
    QProcessEnvironment environment;
    if (m_inherit) {
        environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name : settingNames())
            environment.remove(name);
    } else {
        // Without a UTF-8 locale Qt 6.8 writes a warning of its own on stderr.
        environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    }
    const QStringList keys = m_env.keys();
    for (const QString &key : keys)
        environment.insert(key, m_env.value(key));

    m_stderr.clear();
    m_stdout.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(environment);
    dieWithParent(*m_process);
    if (m_merged)
        m_process->setProcessChannelMode(QProcess::MergedChannels);
    if (!m_workingDirectory.isEmpty())
        m_process->setWorkingDirectory(m_workingDirectory);
    QProcess *process = m_process.get();
    QObject::connect(process, &QProcess::readyReadStandardError, process,
                     [this, process] { m_stderr += process->readAllStandardError(); });
    // Merged, standard output is the log.
    QObject::connect(process, &QProcess::readyReadStandardOutput, process, [this, process] {
        (m_merged ? m_stderr : m_stdout) += process->readAllStandardOutput();
    });
    // A program of this build by its name, anything else by its path or from PATH.
    QString path = m_program;
    if (!m_program.contains(u'/') && QFileInfo::exists(ProgramPath::of(m_program)))
        path = ProgramPath::of(m_program);
    m_process->start(path, m_arguments);
    if (!m_process->waitForStarted(DeadlineMs)) {
        if (error)
            *error = m_program + u" did not start: "_s + m_process->errorString();
        return false;
    }
    return true;
}

bool ProgramProcess::waitForLog(const QString &text, int timeoutMs)
{
    // Done early when the program ends: no more log can come then.
    return QTest::qWaitFor([&] { return log().contains(text) || !isRunning(); }, timeoutMs) &&
           log().contains(text);
}

bool ProgramProcess::waitForHttp(const QUrl &url, QString *error, int timeoutMs)
{
    QNetworkAccessManager network;
    int status = 0;
    const bool healthy = QTest::qWaitFor(
        [&] {
            if (!isRunning())
                return true;
            QNetworkRequest request(url);
            request.setTransferTimeout(1000);
            QNetworkReply *reply = network.get(request);
            // The tests' TLS servers use self-signed certificates made on the spot.
            QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                             [reply] { reply->ignoreSslErrors(); });
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(2000);
            status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status == 200;
        },
        timeoutMs);
    if (healthy && status == 200)
        return true;
    if (error) {
        *error = isRunning()
                     ? u"%1 did not answer %2 within %3 ms: %4"_s.arg(m_program, url.toString())
                           .arg(timeoutMs)
                           .arg(log().trimmed())
                     : u"%1 exited with status %2 before it answered: %3"_s.arg(m_program)
                           .arg(exitCode())
                           .arg(log().trimmed());
    }
    return false;
}

int ProgramProcess::stop(int timeoutMs)
{
    if (!m_process)
        return -1;
    if (isRunning()) {
        m_process->terminate();
        if (!m_process->waitForFinished(timeoutMs)) {
            kill();
            return -1;
        }
    }
    errorOutput();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void ProgramProcess::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(DeadlineMs);
    errorOutput();
}

void ProgramProcess::signal(int number)
{
    if (isRunning())
        ::kill(pid_t(m_process->processId()), number);
}

int ProgramProcess::waitForExit(int timeoutMs)
{
    if (!waitUntilEnded(timeoutMs))
        return -1;
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

bool ProgramProcess::waitUntilEnded(int timeoutMs)
{
    if (!m_process)
        return false;
    if (isRunning()) {
        // Through the event loop, so that a test's servers keep answering meanwhile.
        QSignalSpy finished(m_process.get(), &QProcess::finished);
        if (!finished.wait(timeoutMs) && isRunning())
            return false;
    }
    errorOutput();
    return true;
}

bool ProgramProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

int ProgramProcess::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

QProcess::ExitStatus ProgramProcess::exitStatus() const
{
    return m_process ? m_process->exitStatus() : QProcess::NormalExit;
}

qint64 ProgramProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

void ProgramProcess::write(const QByteArray &data)
{
    if (isRunning())
        m_process->write(data);
}

void ProgramProcess::closeInput()
{
    if (isRunning())
        m_process->closeWriteChannel();
}

QString ProgramProcess::log() const
{
    return QString::fromUtf8(errorOutput());
}

QByteArray ProgramProcess::errorOutput() const
{
    // Merged, the one channel is standard output (QProcess warns on reading the other).
    if (m_process)
        m_stderr +=
            m_merged ? m_process->readAllStandardOutput() : m_process->readAllStandardError();
    return m_stderr;
}

QByteArray ProgramProcess::standardOutput() const
{
    if (m_process && !m_merged)
        m_stdout += m_process->readAllStandardOutput();
    return m_stdout;
}

#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

constexpr int StartDeadlineMs = 10000;
constexpr int StopDeadlineMs = 10000;

// The server's own settings: removed from the inherited environment so that a developer's shell
// (or another test's variables) never changes what a test runs.
const QStringList &serverSettingNames()
{
    static const QStringList names{u"PORT"_s,
                                   u"HOST"_s,
                                   u"DATABASE"_s,
                                   u"API_TOKENS"_s,
                                   u"ALLOW_NO_AUTH"_s,
                                   u"TLS_CERT"_s,
                                   u"TLS_KEY"_s,
                                   u"MAX_BODY"_s,
                                   u"ALERT_TYPES"_s,
                                   u"LOG_LEVEL"_s,
                                   u"ENV_FILE"_s,
                                   u"WS_MAX_BUFFER"_s,
                                   u"WS_PING_INTERVAL"_s};
    return names;
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString argumentValue(const QStringList &args, const QString &flag)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == flag && i + 1 < args.size())
            return args.at(i + 1);
        if (args.at(i).startsWith(flag + u'='))
            return args.at(i).mid(flag.size() + 1);
    }
    return {};
}

void waitFor(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

ServerProcess::ServerProcess(QStringList extraArgs, QProcessEnvironment env)
    : m_extraArgs(std::move(extraArgs))
    , m_env(std::move(env))
{
    const QString database = argumentValue(m_extraArgs, u"--database"_s);
    m_databasePath = database.isEmpty() ? m_dir.filePath(u"vigil.db"_s) : database;
    const QString port = argumentValue(m_extraArgs, u"--port"_s);
    if (!port.isEmpty())
        m_port = port.toUShort();
}

ServerProcess::~ServerProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        kill();
}

bool ServerProcess::usesTls() const
{
    return !argumentValue(m_extraArgs, u"--tls-cert"_s).isEmpty() ||
           !m_env.value(u"TLS_CERT"_s).isEmpty();
}

QUrl ServerProcess::url() const
{
    QUrl url;
    url.setScheme(usesTls() ? u"https"_s : u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    return url;
}

bool ServerProcess::start(QString *error)
{
    const bool choosePort = m_port == 0;
    // A port found free can be taken by someone else before the server binds it; the server
    // then exits 1, and a fresh port is worth another try.
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (choosePort)
            m_port = freeLoopbackPort();
        QStringList args = m_extraArgs;
        if (argumentValue(args, u"--port"_s).isEmpty())
            args << u"--port"_s << QString::number(m_port);
        if (argumentValue(args, u"--database"_s).isEmpty())
            args << u"--database"_s << m_databasePath;

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name : serverSettingNames())
            environment.remove(name);
        const QStringList keys = m_env.keys();
        for (const QString &key : keys)
            environment.insert(key, m_env.value(key));

        m_process = std::make_unique<QProcess>();
        m_process->setProcessEnvironment(environment);
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->setStandardOutputFile(QProcess::nullDevice());
        QProcess *process = m_process.get();
        QObject::connect(process, &QProcess::readyReadStandardError, process,
                         [this, process] { m_output += process->readAllStandardError(); });
        m_process->start(QStringLiteral(VIGIL_BIN_DIR "/vigil-server"), args);
        if (!m_process->waitForStarted(StartDeadlineMs)) {
            if (error)
                *error = u"vigil-server did not start: "_s + m_process->errorString();
            return false;
        }
        if (waitUntilHealthy(error))
            return true;
        const bool exitedWithRuntimeError = m_process->state() == QProcess::NotRunning &&
                                            m_process->exitStatus() == QProcess::NormalExit &&
                                            m_process->exitCode() == 1;
        if (!choosePort || !exitedWithRuntimeError)
            return false;
    }
    return false;
}

bool ServerProcess::waitUntilHealthy(QString *error)
{
    QNetworkAccessManager network;
    QUrl healthUrl = url();
    healthUrl.setPath(u"/api/health"_s);
    const QDeadlineTimer deadline(StartDeadlineMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning) {
            if (error)
                *error = u"vigil-server exited with status %1 before it was "
                         "healthy: %2"_s.arg(m_process->exitCode())
                             .arg(QString::fromUtf8(output()).trimmed());
            return false;
        }
        QNetworkRequest request(healthUrl);
        request.setTransferTimeout(1000);
        QNetworkReply *reply = network.get(request);
        // The tests' TLS servers use self-signed certificates made on the spot.
        QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                         [reply] { reply->ignoreSslErrors(); });
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (status == 200)
            return true;
        waitFor(50);
    }
    if (error)
        *error = u"vigil-server was not healthy within %1 ms: %2"_s.arg(StartDeadlineMs)
                     .arg(QString::fromUtf8(output()).trimmed());
    return false;
}

void ServerProcess::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(StopDeadlineMs))
        kill();
    output();
}

void ServerProcess::kill()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->kill();
    m_process->waitForFinished(StopDeadlineMs);
    output();
}

bool ServerProcess::restart(QString *error)
{
    stop();
    // Same port and database: the port is now fixed for start().
    const QString port = QString::number(m_port);
    if (argumentValue(m_extraArgs, u"--port"_s).isEmpty())
        m_extraArgs << u"--port"_s << port;
    if (argumentValue(m_extraArgs, u"--database"_s).isEmpty())
        m_extraArgs << u"--database"_s << m_databasePath;
    return start(error);
}

QByteArray ServerProcess::output() const
{
    if (m_process)
        m_output += m_process->readAllStandardError();
    return m_output;
}

int ServerProcess::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

QProcess::ExitStatus ServerProcess::exitStatus() const
{
    return m_process ? m_process->exitStatus() : QProcess::NormalExit;
}

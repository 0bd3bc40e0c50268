#include "mosquittobroker.h"

#include "freeport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpSocket>
#include <QUuid>

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

namespace {

const QString MosquittoPath = QStringLiteral("/usr/sbin/mosquitto");
constexpr int StartDeadlineMs = 10000;
constexpr int ToolDeadlineMs = 30000;

// Runs a helper tool (openssl, mosquitto_passwd, mosquitto_pub) to completion.
bool runTool(const QString &program, const QStringList &arguments, QString *output,
             const QByteArray &input = {})
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(ToolDeadlineMs)) {
        *output = program + QStringLiteral(": ") + process.errorString();
        return false;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(ToolDeadlineMs)) {
        process.kill();
        process.waitForFinished();
        *output = program + QStringLiteral(" did not finish in time");
        return false;
    }
    *output = QString::fromLocal8Bit(process.readAll()).trimmed();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

QString currentUser()
{
    const passwd *entry = ::getpwuid(::geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

} // namespace

MosquittoBroker::MosquittoBroker(Options options)
    : m_options(std::move(options))
{}

MosquittoBroker::~MosquittoBroker()
{
    stop();
}

QString MosquittoBroker::caFile() const
{
    return m_options.tls ? m_dir.filePath(QStringLiteral("ca.crt")) : QString();
}

QString MosquittoBroker::wrongCaFile() const
{
    return m_options.tls ? m_dir.filePath(QStringLiteral("wrong-ca.crt")) : QString();
}

bool MosquittoBroker::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool MosquittoBroker::fail(QString *error, const QString &message) const
{
    if (error)
        *error = message;
    return false;
}

QString MosquittoBroker::logTail(int lines) const
{
    QFile file(m_dir.filePath(QStringLiteral("mosquitto.log")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList all =
        QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return all.mid(qMax(0, int(all.size()) - lines)).join(QLatin1Char('\n'));
}

bool MosquittoBroker::makeCertificates(QString *error)
{
    const auto path = [this](const char *name) { return m_dir.filePath(QLatin1String(name)); };
    const QStringList ecKey{
        QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    const auto makeCa = [&](const char *key, const char *cert, const QString &subject) {
        return QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ecKey +
               QStringList{QStringLiteral("-keyout"), path(key),
                           QStringLiteral("-out"),    path(cert),
                           QStringLiteral("-days"),   QStringLiteral("2"),
                           QStringLiteral("-subj"),   subject};
    };
    if (!writeFile(path("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"))
        return fail(error, QStringLiteral("cannot write the certificate extension file"));
    const QList<QStringList> steps{
        makeCa("ca.key", "ca.crt", QStringLiteral("/CN=Vigil Test CA")),
        makeCa("wrong-ca.key", "wrong-ca.crt", QStringLiteral("/CN=Vigil Wrong CA")),
        QStringList{QStringLiteral("req"), QStringLiteral("-new")} + ecKey +
            QStringList{QStringLiteral("-keyout"), path("server.key"), QStringLiteral("-out"),
                        path("server.csr"), QStringLiteral("-subj"),
                        QStringLiteral("/CN=localhost")},
        QStringList{QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                    path("server.csr"), QStringLiteral("-CA"), path("ca.crt"),
                    QStringLiteral("-CAkey"), path("ca.key"), QStringLiteral("-CAcreateserial"),
                    QStringLiteral("-out"), path("server.crt"), QStringLiteral("-days"),
                    QStringLiteral("2"), QStringLiteral("-extfile"), path("server.ext")},
    };
    for (const QStringList &arguments : steps) {
        QString output;
        if (!runTool(QStringLiteral("openssl"), arguments, &output))
            return fail(error,
                        QStringLiteral("openssl %1 failed: %2").arg(arguments.first(), output));
    }
    return true;
}

bool MosquittoBroker::prepare(QString *error)
{
    if (m_prepared)
        return true;
    if (!m_dir.isValid())
        return fail(
            error,
            QStringLiteral("cannot create a temporary directory: %1").arg(m_dir.errorString()));
    if (!QFileInfo(MosquittoPath).isExecutable())
        return fail(error, QStringLiteral("%1 not found: install the Debian package mosquitto")
                               .arg(MosquittoPath));
    m_port = FreePort::find();
    if (m_port == 0)
        return fail(error, QStringLiteral("no free TCP port on 127.0.0.1"));
    if (m_options.tls && !makeCertificates(error))
        return false;

    QByteArray config;
    const auto line = [&config](const QString &text) { config += text.toUtf8() + '\n'; };
    const QString user = currentUser();
    if (!user.isEmpty())
        line(QStringLiteral("user ") + user); // as root, mosquitto would switch to "mosquitto"
    line(QStringLiteral("persistence true"));
    line(QStringLiteral("persistence_location ") + m_dir.path() + QLatin1Char('/'));
    line(QStringLiteral("max_queued_messages 1000000"));
    line(QStringLiteral("max_inflight_messages 100"));
    line(QStringLiteral("log_dest stderr"));
    line(QStringLiteral("log_type error\nlog_type warning\nlog_type notice\nlog_type "
                        "information\nlog_type subscribe"));
    line(QStringLiteral("listener %1 127.0.0.1").arg(m_port));
    if (m_options.username.isEmpty()) {
        line(QStringLiteral("allow_anonymous true"));
    } else {
        const QString passwordFile = m_dir.filePath(QStringLiteral("passwords"));
        QString output;
        if (!runTool(QStringLiteral("mosquitto_passwd"),
                     {QStringLiteral("-c"), QStringLiteral("-b"), passwordFile, m_options.username,
                      m_options.password},
                     &output))
            return fail(error, QStringLiteral("mosquitto_passwd failed: %1").arg(output));
        line(QStringLiteral("allow_anonymous false"));
        line(QStringLiteral("password_file ") + passwordFile);
    }
    if (m_options.tls) {
        line(QStringLiteral("cafile ") + caFile());
        line(QStringLiteral("certfile ") + m_dir.filePath(QStringLiteral("server.crt")));
        line(QStringLiteral("keyfile ") + m_dir.filePath(QStringLiteral("server.key")));
    }
    if (!writeFile(m_dir.filePath(QStringLiteral("mosquitto.conf")), config))
        return fail(error, QStringLiteral("cannot write mosquitto.conf"));
    m_prepared = true;
    return true;
}

bool MosquittoBroker::start(QString *error)
{
    if (isRunning())
        return true;
    if (!prepare(error))
        return false;
    m_process = std::make_unique<QProcess>();
    m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("mosquitto.log")),
                                     QIODevice::Append);
    m_process->setStandardErrorFile(m_dir.filePath(QStringLiteral("mosquitto.log")),
                                    QIODevice::Append);
    m_process->start(MosquittoPath,
                     {QStringLiteral("-c"), m_dir.filePath(QStringLiteral("mosquitto.conf"))});
    if (!m_process->waitForStarted(StartDeadlineMs))
        return fail(
            error,
            QStringLiteral("cannot start %1: %2").arg(MosquittoPath, m_process->errorString()));
    return waitUntilListening(error);
}

bool MosquittoBroker::waitUntilListening(QString *error)
{
    const QDeadlineTimer deadline(StartDeadlineMs);
    while (!deadline.hasExpired()) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        if (probe.waitForConnected(200))
            return true;
        // Doubles as the pause between attempts, and notices a broker that quit.
        if (m_process->waitForFinished(50))
            return fail(error, QStringLiteral("mosquitto exited with code %1 on port %2:\n%3")
                                   .arg(m_process->exitCode())
                                   .arg(m_port)
                                   .arg(logTail()));
    }
    const QString message =
        QStringLiteral("mosquitto did not listen on 127.0.0.1:%1 within %2 ms:\n%3")
            .arg(m_port)
            .arg(StartDeadlineMs)
            .arg(logTail());
    kill();
    return fail(error, message);
}

void MosquittoBroker::stop()
{
    if (!isRunning())
        return;
    resume(); // a paused broker would only act on SIGTERM once continued
    m_process->terminate();
    if (!m_process->waitForFinished(StartDeadlineMs)) {
        m_process->kill();
        m_process->waitForFinished();
    }
}

void MosquittoBroker::pause()
{
    if (isRunning())
        ::kill(pid_t(m_process->processId()), SIGSTOP);
}

void MosquittoBroker::resume()
{
    if (isRunning())
        ::kill(pid_t(m_process->processId()), SIGCONT);
}

void MosquittoBroker::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished();
}

bool MosquittoBroker::restart(QString *error)
{
    stop();
    return start(error);
}

QStringList MosquittoBroker::clientArguments() const
{
    QStringList arguments{QStringLiteral("-h"), host(), QStringLiteral("-p"),
                          QString::number(m_port)};
    if (!m_options.username.isEmpty())
        arguments << QStringLiteral("-u") << m_options.username << QStringLiteral("-P")
                  << m_options.password;
    if (m_options.tls)
        arguments << QStringLiteral("--cafile") << caFile();
    return arguments;
}

bool MosquittoBroker::publishWithMosquittoPub(const MosquittoBroker &broker, const QString &topic,
                                              const QByteArray &payload, int qos, bool retain,
                                              QString *error)
{
    QStringList arguments = broker.clientArguments();
    // The payload goes through stdin (-s) so that any bytes arrive unchanged.
    arguments << QStringLiteral("-t") << topic << QStringLiteral("-q") << QString::number(qos)
              << (payload.isEmpty() ? QStringLiteral("-n") : QStringLiteral("-s"));
    if (retain)
        arguments << QStringLiteral("-r");
    QString output;
    if (runTool(QStringLiteral("mosquitto_pub"), arguments, &output, payload))
        return true;
    if (error)
        *error = QStringLiteral("mosquitto_pub failed: %1").arg(output);
    return false;
}

std::unique_ptr<QProcess> MosquittoBroker::startMosquittoSub(const MosquittoBroker &broker,
                                                             const QString &topic, int count,
                                                             QString *error)
{
    const QString clientId =
        QStringLiteral("sub-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QStringList arguments = broker.clientArguments();
    arguments << QStringLiteral("-i") << clientId << QStringLiteral("-t") << topic
              << QStringLiteral("-q") << QStringLiteral("1") << QStringLiteral("-v")
              << QStringLiteral("-C") << QString::number(count);
    auto process = std::make_unique<QProcess>();
    process->start(QStringLiteral("mosquitto_sub"), arguments);
    if (!process->waitForStarted(ToolDeadlineMs)) {
        if (error)
            *error = QStringLiteral("cannot start mosquitto_sub: %1").arg(process->errorString());
        return nullptr;
    }
    // The broker logs "<client id> <qos> <topic>" once the subscription exists.
    const QString logged = clientId + QStringLiteral(" 1 ") + topic;
    const QDeadlineTimer deadline(StartDeadlineMs);
    while (!broker.logTail(200).contains(logged)) {
        if (deadline.hasExpired() || process->waitForFinished(20)) {
            if (error)
                *error = QStringLiteral("mosquitto_sub did not subscribe to %1: %2")
                             .arg(topic, QString::fromLocal8Bit(process->readAllStandardError()));
            process->kill();
            process->waitForFinished();
            return nullptr;
        }
    }
    return process;
}

#include "mosquittobroker.h"

#include "freeport.h"
#include "programprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString MosquittoPath = u"/usr/sbin/mosquitto"_s;
constexpr int StartDeadlineMs = 10000;
constexpr int ToolDeadlineMs = 30000;

// Runs a helper tool (openssl, mosquitto_passwd, mosquitto_pub) to completion.
bool runTool(const QString &program, const QStringList &arguments, QString *output,
             const QByteArray &input = {})
{
    return ProgramProcess::run(program, arguments, output,
                               {.input = input, .timeoutMs = ToolDeadlineMs}) == 0;
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
    // As ProgramProcess does: what the broker saw is often why the test failed.
    if (m_prepared && QTest::currentTestFailed())
        qWarning("--- mosquitto on port %u logged:\n%s", unsigned(m_port), qPrintable(logTail()));
}

QString MosquittoBroker::caFile() const
{
    return m_options.tls ? m_dir.filePath(u"ca.crt"_s) : QString();
}

QString MosquittoBroker::wrongCaFile() const
{
    return m_options.tls ? m_dir.filePath(u"wrong-ca.crt"_s) : QString();
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
    QFile file(m_dir.filePath(u"mosquitto.log"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList all =
        QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return all.mid(qMax(0, int(all.size()) - lines)).join(QLatin1Char('\n'));
}

bool MosquittoBroker::makeCertificates(QString *error)
{
    const auto path = [this](const char *name) { return m_dir.filePath(QLatin1String(name)); };
    const QStringList ecKey{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                            u"-nodes"_s};
    const auto makeCa = [&](const char *key, const char *cert, const QString &subject) {
        return QStringList{u"req"_s, u"-x509"_s} + ecKey +
               QStringList{u"-keyout"_s, path(key), u"-out"_s,  path(cert),
                           u"-days"_s,   u"2"_s,    u"-subj"_s, subject};
    };
    if (!writeFile(path("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"))
        return fail(error, u"cannot write the certificate extension file"_s);
    const QList<QStringList> steps{
        makeCa("ca.key", "ca.crt", u"/CN=Vigil Test CA"_s),
        makeCa("wrong-ca.key", "wrong-ca.crt", u"/CN=Vigil Wrong CA"_s),
        QStringList{u"req"_s, u"-new"_s} + ecKey +
            QStringList{u"-keyout"_s, path("server.key"), u"-out"_s, path("server.csr"), u"-subj"_s,
                        u"/CN=localhost"_s},
        QStringList{u"x509"_s, u"-req"_s, u"-in"_s, path("server.csr"), u"-CA"_s, path("ca.crt"),
                    u"-CAkey"_s, path("ca.key"), u"-CAcreateserial"_s, u"-out"_s,
                    path("server.crt"), u"-days"_s, u"2"_s, u"-extfile"_s, path("server.ext")},
    };
    for (const QStringList &arguments : steps) {
        QString output;
        if (!runTool(u"openssl"_s, arguments, &output))
            return fail(error, u"openssl %1 failed: %2"_s.arg(arguments.first(), output));
    }
    return true;
}

bool MosquittoBroker::prepare(QString *error)
{
    if (m_prepared)
        return true;
    if (!m_dir.isValid())
        return fail(error, u"cannot create a temporary directory: %1"_s.arg(m_dir.errorString()));
    if (!QFileInfo(MosquittoPath).isExecutable())
        return fail(error,
                    u"%1 not found: install the Debian package mosquitto"_s.arg(MosquittoPath));
    m_port = FreePort::find();
    if (m_port == 0)
        return fail(error, u"no free TCP port on 127.0.0.1"_s);
    if (m_options.tls && !makeCertificates(error))
        return false;

    QByteArray config;
    const auto line = [&config](const QString &text) { config += text.toUtf8() + '\n'; };
    const QString user = currentUser();
    if (!user.isEmpty())
        line(u"user "_s + user); // as root, mosquitto would switch to "mosquitto"
    line(u"persistence true"_s);
    line(u"persistence_location "_s + m_dir.path() + QLatin1Char('/'));
    line(u"max_queued_messages 1000000"_s);
    line(u"max_inflight_messages 100"_s);
    line(u"log_dest stderr"_s);
    line(u"log_type error\nlog_type warning\nlog_type notice\nlog_type "
         "information\nlog_type subscribe"_s);
    line(u"listener %1 127.0.0.1"_s.arg(m_port));
    if (m_options.username.isEmpty()) {
        line(u"allow_anonymous true"_s);
    } else {
        const QString passwordFile = m_dir.filePath(u"passwords"_s);
        QString output;
        if (!runTool(u"mosquitto_passwd"_s,
                     {u"-c"_s, u"-b"_s, passwordFile, m_options.username, m_options.password},
                     &output))
            return fail(error, u"mosquitto_passwd failed: %1"_s.arg(output));
        line(u"allow_anonymous false"_s);
        line(u"password_file "_s + passwordFile);
    }
    if (m_options.tls) {
        line(u"cafile "_s + caFile());
        line(u"certfile "_s + m_dir.filePath(u"server.crt"_s));
        line(u"keyfile "_s + m_dir.filePath(u"server.key"_s));
    }
    if (!writeFile(m_dir.filePath(u"mosquitto.conf"_s), config))
        return fail(error, u"cannot write mosquitto.conf"_s);
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
    m_process->setStandardOutputFile(m_dir.filePath(u"mosquitto.log"_s), QIODevice::Append);
    m_process->setStandardErrorFile(m_dir.filePath(u"mosquitto.log"_s), QIODevice::Append);
    // A crashed test or a ctest timeout must not leave the broker running.
    ProgramProcess::dieWithParent(*m_process);
    m_process->start(MosquittoPath, {u"-c"_s, m_dir.filePath(u"mosquitto.conf"_s)});
    if (!m_process->waitForStarted(StartDeadlineMs))
        return fail(error, u"cannot start %1: %2"_s.arg(MosquittoPath, m_process->errorString()));
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
            return fail(
                error, u"mosquitto exited with code %1 on port %2:\n%3"_s.arg(m_process->exitCode())
                           .arg(m_port)
                           .arg(logTail()));
    }
    const QString message =
        u"mosquitto did not listen on 127.0.0.1:%1 within %2 ms:\n%3"_s.arg(m_port)
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
    QStringList arguments{u"-h"_s, host(), u"-p"_s, QString::number(m_port)};
    if (!m_options.username.isEmpty())
        arguments << u"-u"_s << m_options.username << u"-P"_s << m_options.password;
    if (m_options.tls)
        arguments << u"--cafile"_s << caFile();
    return arguments;
}

bool MosquittoBroker::publishWithMosquittoPub(const MosquittoBroker &broker, const QString &topic,
                                              const QByteArray &payload, int qos, bool retain,
                                              QString *error)
{
    QStringList arguments = broker.clientArguments();
    // The payload goes through stdin (-s) so that any bytes arrive unchanged.
    arguments << u"-t"_s << topic << u"-q"_s << QString::number(qos)
              << (payload.isEmpty() ? u"-n"_s : u"-s"_s);
    if (retain)
        arguments << u"-r"_s;
    QString output;
    if (runTool(u"mosquitto_pub"_s, arguments, &output, payload))
        return true;
    if (error)
        *error = u"mosquitto_pub failed: %1"_s.arg(output);
    return false;
}

std::unique_ptr<QProcess> MosquittoBroker::startMosquittoSub(const MosquittoBroker &broker,
                                                             const QString &topic, int count,
                                                             QString *error)
{
    const QString clientId = u"sub-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QStringList arguments = broker.clientArguments();
    arguments << u"-i"_s << clientId << u"-t"_s << topic << u"-q"_s << u"1"_s << u"-v"_s << u"-C"_s
              << QString::number(count);
    auto process = std::make_unique<QProcess>();
    ProgramProcess::dieWithParent(*process);
    process->start(u"mosquitto_sub"_s, arguments);
    if (!process->waitForStarted(ToolDeadlineMs)) {
        if (error)
            *error = u"cannot start mosquitto_sub: %1"_s.arg(process->errorString());
        return nullptr;
    }
    // The broker logs "<client id> <qos> <topic>" once the subscription exists.
    const QString logged = clientId + u" 1 "_s + topic;
    const QDeadlineTimer deadline(StartDeadlineMs);
    while (!broker.logTail(200).contains(logged)) {
        if (deadline.hasExpired() || process->waitForFinished(20)) {
            if (error)
                *error = u"mosquitto_sub did not subscribe to %1: %2"_s.arg(
                    topic, QString::fromLocal8Bit(process->readAllStandardError()));
            process->kill();
            process->waitForFinished();
            return nullptr;
        }
    }
    return process;
}

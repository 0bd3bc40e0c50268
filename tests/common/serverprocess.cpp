#include "serverprocess.h"

#include "freeport.h"

using namespace Qt::StringLiterals;

namespace {

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

} // namespace

ServerProcess::ServerProcess(QStringList extraArgs, QProcessEnvironment env)
    : ProgramProcess(u"vigil-server"_s)
    , m_extraArgs(std::move(extraArgs))
    , m_tls(!argumentValue(m_extraArgs, u"--tls-cert"_s).isEmpty() ||
            !env.value(u"TLS_CERT"_s).isEmpty())
{
    setEnv(env);
    const QString database = argumentValue(m_extraArgs, u"--database"_s);
    m_databasePath = database.isEmpty() ? m_dir.filePath(u"vigil.db"_s) : database;
    const QString port = argumentValue(m_extraArgs, u"--port"_s);
    if (!port.isEmpty())
        m_port = port.toUShort();
}

QUrl ServerProcess::url() const
{
    QUrl url;
    url.setScheme(m_tls ? u"https"_s : u"http"_s);
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
            m_port = FreePort::find();
        QStringList args = m_extraArgs;
        if (argumentValue(args, u"--port"_s).isEmpty())
            args << u"--port"_s << QString::number(m_port);
        if (argumentValue(args, u"--database"_s).isEmpty())
            args << u"--database"_s << m_databasePath;
        setArguments(args);
        if (!ProgramProcess::start(error))
            return false;
        QUrl health = url();
        health.setPath(u"/api/health"_s);
        if (waitForHttp(health, error))
            return true;
        const bool portTaken =
            !isRunning() && exitStatus() == QProcess::NormalExit && exitCode() == 1;
        if (!choosePort || !portTaken)
            return false;
    }
    return false;
}

bool ServerProcess::restart(QString *error)
{
    stop();
    // Same port and database: the port is now fixed for start().
    if (argumentValue(m_extraArgs, u"--port"_s).isEmpty())
        m_extraArgs << u"--port"_s << QString::number(m_port);
    if (argumentValue(m_extraArgs, u"--database"_s).isEmpty())
        m_extraArgs << u"--database"_s << m_databasePath;
    return start(error);
}

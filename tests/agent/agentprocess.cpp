#include "agentprocess.h"

#include "mosquittobroker.h"
#include "programpath.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;

AgentProcess::AgentProcess(const MosquittoBroker &broker)
{
    m_environment = QProcessEnvironment::systemEnvironment();
    // The caller's environment must not decide anything: clear every agent setting first.
    for (const QString &name : m_environment.keys())
        if (name.startsWith(u"MQTT_"_s) || name.startsWith(u"SENSOR_"_s) || name == u"SIMULATE"_s ||
            name == u"DEVICE_ID"_s || name == u"GPIO_CHIP"_s || name == u"QT_LOGGING_RULES"_s)
            m_environment.remove(name);
    m_environment.insert(u"MQTT_BROKER"_s, broker.host());
    m_environment.insert(u"MQTT_PORT"_s, QString::number(broker.port()));
    m_environment.insert(u"SIMULATE"_s, u"stdin"_s);
    m_environment.insert(u"DEVICE_ID"_s, u"test-pi"_s);
    m_environment.insert(u"LOG_LEVEL"_s, u"debug"_s);
    QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                     [this] { m_stderr += m_process.readAllStandardError(); });
}

AgentProcess::~AgentProcess()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool AgentProcess::start()
{
    m_process.setProcessEnvironment(m_environment);
    m_process.start(ProgramPath::of(u"vigil-agent"_s), {});
    QSignalSpy started(&m_process, &QProcess::started);
    return m_process.state() == QProcess::Running || started.wait(10000);
}

void AgentProcess::write(const QByteArray &lines)
{
    m_process.write(lines);
}

bool AgentProcess::waitForExit(int timeoutMs)
{
    if (!isRunning())
        return true;
    QSignalSpy finished(&m_process, &QProcess::finished);
    return finished.wait(timeoutMs);
}

QString AgentProcess::stderrText()
{
    m_stderr += m_process.readAllStandardError();
    return QString::fromUtf8(m_stderr);
}

#include "vigilprocess.h"

#include "programpath.h"

#include <QDeadlineTimer>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Every setting of the agent and the bridge (contract.md and their own extras), plus the common
// ones.
const QStringList SettingNames = {
    u"MQTT_BROKER"_s,   u"MQTT_PORT"_s,         u"MQTT_USERNAME"_s,
    u"MQTT_PASSWORD"_s, u"MQTT_CAFILE"_s,       u"MQTT_KEEPALIVE"_s,
    u"MQTT_TOPIC"_s,    u"MQTT_TOPICS"_s,       u"MQTT_CLIENT_ID"_s,
    u"SENSOR_KIND"_s,   u"SENSOR_PIN"_s,        u"GPIO_CHIP"_s,
    u"ACTIVE_LOW"_s,    u"DEBOUNCE_MS"_s,       u"PRESSURE_MIN_MS"_s,
    u"DEVICE_ID"_s,     u"SIMULATE"_s,          u"BACKEND_URL"_s,
    u"BACKEND_TOKEN"_s, u"BACKEND_CAFILE"_s,    u"OUTBOX"_s,
    u"TYPE_MAP"_s,      u"MAX_PAYLOAD"_s,       u"BATCH_MAX_BYTES"_s,
    u"LOG_LEVEL"_s,     u"QT_LOGGING_RULES"_s,  u"ENV_FILE"_s,
    u"OUTBOX_SYNC"_s,   u"OUTBOX_MAX_EVENTS"_s, u"BATCH_MAX_EVENTS"_s,
    u"BRIDGE_STATUS"_s, u"QUEUE_MAX"_s,
};

constexpr int StopDeadlineMs = 10000;

} // namespace

VigilProcess::VigilProcess(QString program, QStringList arguments, QProcessEnvironment env)
    : m_program(std::move(program))
    , m_arguments(std::move(arguments))
    , m_env(std::move(env))
{}

VigilProcess::~VigilProcess()
{
    if (isRunning()) {
        m_process->kill();
        m_process->waitForFinished(StopDeadlineMs);
    }
}

bool VigilProcess::start(QString *error)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : SettingNames)
        environment.remove(name);
    const QStringList keys = m_env.keys();
    for (const QString &key : keys)
        environment.insert(key, m_env.value(key));

    m_log.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessEnvironment(environment);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    QProcess *process = m_process.get();
    QObject::connect(process, &QProcess::readyReadStandardError, process,
                     [this, process] { m_log += process->readAllStandardError(); });
    m_process->start(ProgramPath::of(m_program), m_arguments);
    if (!m_process->waitForStarted(StopDeadlineMs)) {
        if (error)
            *error = m_program + u" did not start: "_s + m_process->errorString();
        return false;
    }
    return true;
}

int VigilProcess::stop()
{
    if (!m_process)
        return -1;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(StopDeadlineMs)) {
            m_process->kill();
            m_process->waitForFinished(StopDeadlineMs);
            return -1;
        }
    }
    log();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

bool VigilProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

void VigilProcess::writeLine(const QByteArray &line)
{
    if (isRunning())
        m_process->write(line + '\n');
}

void VigilProcess::closeInput()
{
    if (isRunning())
        m_process->closeWriteChannel();
}

bool VigilProcess::waitForLog(const QString &text, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!log().contains(text)) {
        if (deadline.hasExpired() || !isRunning())
            return log().contains(text);
        QTest::qWait(20);
    }
    return true;
}

QString VigilProcess::log() const
{
    if (m_process)
        m_log += m_process->readAllStandardError();
    return QString::fromUtf8(m_log);
}

int VigilProcess::waitForExit(int timeoutMs)
{
    if (!m_process || (isRunning() && !m_process->waitForFinished(timeoutMs)))
        return -1;
    log();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

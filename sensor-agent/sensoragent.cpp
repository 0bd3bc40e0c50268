#include "sensoragent.h"

#include "gpiodedgesource.h"
#include "monotonicclock.h"
#include "mqttclient.h"
#include "sensorpublisher.h"
#include "stdinedgesource.h"

#include <QLoggingCategory>
#include <QTimer>

#include <limits>

Q_LOGGING_CATEGORY(lcAgent, "vigil.agent.sensor")

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 NsPerMs = 1000000;
}

SensorAgent::SensorAgent(const AgentConfig &config, MqttClient *client, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_client(client)
    , m_debouncer(qint64(config.debounceMs) * NsPerMs)
    , m_logic(config.kind, config.gpioPin, qint64(config.pressureMinMs) * NsPerMs)
    , m_settleTimer(new QTimer(this))
{
    m_settleTimer->setSingleShot(true);
    m_settleTimer->setTimerType(Qt::PreciseTimer);
    connect(m_settleTimer, &QTimer::timeout, this, &SensorAgent::settle);

    if (config.simulation == AgentConfig::Simulation::Stdin)
        m_source = new StdinEdgeSource(this);
    else
        m_source = new GpiodEdgeSource(config.gpioChip, config.gpioPin, config.activeLow, this);
    connect(m_source, &EdgeSource::edge, this, &SensorAgent::onEdge);
    connect(m_source, &EdgeSource::finished, this, &SensorAgent::stop);
    connect(m_source, &EdgeSource::failed, this, [this] {
        qCCritical(lcAgent, "%s", qUtf8Printable(m_source->errorString()));
        m_exitCode = 1; // a runtime failure, not a clean end
        stop();
    });

    m_publisher = new SensorPublisher({config.topic, config.deviceId, config.kind, config.gpioPin},
                                      m_client, this);
    connect(m_publisher, &SensorPublisher::finished, this, &SensorAgent::finished);
}

bool SensorAgent::start()
{
    if (!m_source->start()) {
        m_errorSetting = m_source->errorSetting();
        m_errorString = m_source->errorString();
        return false;
    }
    // Stable per sensor, so the broker's log tells which agent is which; the pin keeps two
    // sensors of one kind on one device apart.
    m_client->setClientId(
        u"vigil-agent-%1-%2-%3"_s.arg(m_config.deviceId, SensorLogic::kindName(m_config.kind))
            .arg(m_config.gpioPin));
    m_publisher->prepare(m_config.queueMax);
    qCInfo(lcAgent, "%s sensor on GPIO %d, publishing to %s on %s:%u as %s",
           qUtf8Printable(SensorLogic::kindName(m_config.kind)), m_config.gpioPin,
           qUtf8Printable(m_config.topic), qUtf8Printable(m_client->hostname()),
           unsigned(m_client->port()), qUtf8Printable(m_config.deviceId));
    m_client->connectToHost();
    return true;
}

void SensorAgent::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_settleTimer->stop();
    // The input is over: a level change still hidden in a lockout is the line's final state.
    if (const auto edge = m_debouncer.settle(std::numeric_limits<qint64>::max()))
        act(*edge);
    qCInfo(lcAgent, "stopping: announcing SENSOR_OFFLINE and flushing");
    m_publisher->shutdown(ShutdownTimeoutMs);
}

void SensorAgent::onEdge(bool active, qint64 timestampNs)
{
    if (m_stopping)
        return;
    qCDebug(lcAgent, "raw edge %s at %lld ns", active ? "active" : "inactive", timestampNs);
    if (const auto hidden = m_debouncer.settle(timestampNs))
        act(*hidden);
    if (const auto edge = m_debouncer.feed(active, timestampNs))
        act(*edge);
    armSettleTimer();
}

void SensorAgent::settle()
{
    if (const auto edge = m_debouncer.settle(MonotonicClock::nowNs()))
        act(*edge);
    armSettleTimer();
}

void SensorAgent::act(const Debouncer::Edge &edge)
{
    if (const auto detection = m_logic.onEdge(edge.active, edge.timestampNs))
        m_publisher->publishDetection(*detection,
                                      MonotonicClock::toWallMsecs(detection->timestampNs));
}

void SensorAgent::armSettleTimer()
{
    const std::optional<qint64> deadline = m_debouncer.settleDeadlineNs();
    if (!deadline) {
        m_settleTimer->stop();
        return;
    }
    const qint64 waitNs = std::max<qint64>(0, *deadline - MonotonicClock::nowNs());
    m_settleTimer->start(int((waitNs + NsPerMs - 1) / NsPerMs));
}

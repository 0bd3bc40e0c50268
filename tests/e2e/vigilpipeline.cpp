#include "vigilpipeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int ReadyDeadlineMs = 15000;

} // namespace

VigilPipeline::VigilPipeline(Options options)
    : m_options(std::move(options))
    , m_broker(m_options.broker)
{}

QStringList VigilPipeline::mqttArguments() const
{
    QStringList arguments = {u"--mqtt-broker"_s, m_broker.host(), u"--mqtt-port"_s,
                             QString::number(m_broker.port())};
    if (!m_options.broker.username.isEmpty())
        arguments << u"--mqtt-username"_s << m_options.broker.username << u"--mqtt-password"_s
                  << m_options.broker.password;
    return arguments;
}

bool VigilPipeline::start(QString *error)
{
    if (!m_dir.isValid()) {
        *error = u"no temporary directory"_s;
        return false;
    }
    if (!m_broker.start(error))
        return false;
    m_server =
        std::make_unique<ServerProcess>(m_options.serverArguments, m_options.serverEnvironment);
    if (!m_server->start(error))
        return false;
    m_api = std::make_unique<HttpTestClient>(m_server->url(), m_options.clientToken,
                                             m_options.backendCaFile);
    return startBridge(error);
}

bool VigilPipeline::startBridge(QString *error, const QString &token)
{
    QStringList arguments = mqttArguments();
    arguments << u"--mqtt-client-id"_s << BridgeClientId << u"--backend-url"_s
              << m_server->url().toString() << u"--outbox"_s
              << m_dir.filePath(u"bridge-outbox.db"_s);
    if (!token.isEmpty())
        arguments << u"--backend-token"_s << token;
    if (!m_options.backendCaFile.isEmpty())
        arguments << u"--backend-cafile"_s << m_options.backendCaFile;
    m_bridge = std::make_unique<ProgramProcess>(u"vigil-bridge"_s, arguments);
    if (!m_bridge->start(error))
        return false;

    // The broker logs "<client id> <qos> <filter>" once the subscription exists; only then is
    // a publish certain to reach the bridge (later ones also reach its persistent session).
    const QString subscribed = BridgeClientId + u" 1 sensor/#"_s;
    const auto isSubscribed = [&] { return m_broker.logTail(5000).contains(subscribed); };
    if (!QTest::qWaitFor([&] { return isSubscribed() || !m_bridge->isRunning(); },
                         ReadyDeadlineMs) ||
        !isSubscribed()) {
        *error = u"vigil-bridge did not subscribe: "_s + m_bridge->log();
        return false;
    }
    return true;
}

int VigilPipeline::stopBridge()
{
    return m_bridge ? m_bridge->stop() : -1;
}

std::unique_ptr<ProgramProcess> VigilPipeline::startAgent(const QString &kind,
                                                          const QString &deviceId, QString *error)
{
    QStringList arguments = mqttArguments();
    arguments << u"--simulate"_s << u"stdin"_s << u"--sensor-kind"_s << kind << u"--device-id"_s
              << deviceId;
    auto agent = std::make_unique<ProgramProcess>(u"vigil-agent"_s, arguments);
    if (!agent->start(error))
        return nullptr;

    const QString source = u"sensor-"_s + kind;
    const auto online = [&] {
        const QJsonArray devices = m_api->get(u"/api/devices"_s).json().array();
        return std::any_of(devices.begin(), devices.end(), [&](const QJsonValue &device) {
            return device[u"device_id"_s] == deviceId && device[u"source"_s] == source &&
                   device[u"online"_s] == true;
        });
    };
    if (QTest::qWaitFor([&] { return online() || !agent->isRunning(); }, ReadyDeadlineMs) &&
        agent->isRunning())
        return agent;
    *error = u"the agent's SENSOR_ONLINE did not reach the server: "_s + agent->log() + u"\n"_s +
             diagnostics();
    return nullptr;
}

QString VigilPipeline::diagnostics() const
{
    return u"--- broker:\n"_s + m_broker.logTail(40);
}

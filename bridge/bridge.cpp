#include "bridge.h"

#include "backendevent.h"
#include "mqttclient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>

#include <type_traits>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcBridge, "vigil.bridge.mqtt")

namespace {

// While the disk refuses commits (full, read-only) the outbox is probed this often.
constexpr int OutboxProbeMs = 1000;

} // namespace

Bridge::Bridge(const BridgeConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_mqtt(new MqttClient(this))
    , m_outbox(std::make_unique<Outbox>(config.outboxPath))
    , m_commitTimer(new QTimer(this))
    , m_probeTimer(new QTimer(this))
{
    m_converter.addTypeMap(config.typeMap);
    m_converter.setDefaultDeviceId(config.defaultDeviceId);
    m_converter.setMaxPayload(config.maxPayload);
    m_outbox->setMaxEvents(config.outboxMaxEvents);

    MqttSettings::apply(config.mqtt, m_mqtt);
    m_mqtt->setClientId(config.clientId);
    m_mqtt->setCleanSession(false); // the broker keeps our messages while we are away
    connect(m_mqtt, &MqttClient::messageReceived, this, &Bridge::onMessage);
    // libmosquitto acknowledges a QoS 1 message before handing it to us; holding the
    // acknowledgements until what one read brought is committed means a kill -9 at any moment
    // loses nothing (the broker redelivers, the server drops the duplicates).
    m_mqtt->setAcknowledgeAfterRead(true);
    connect(m_mqtt, &MqttClient::readFinished, this, &Bridge::commitPending);
    connect(m_mqtt, &MqttClient::connected, this, [this] {
        qCInfo(lcBridge).noquote()
            << u"connected to %1:%2 as %3, subscribed to %4"_s.arg(m_mqtt->hostname())
                   .arg(m_mqtt->port())
                   .arg(m_mqtt->clientId(), m_config.topicFilters.join(u", "_s));
    });

    m_commitTimer->setSingleShot(true);
    m_commitTimer->setInterval(0);
    connect(m_commitTimer, &QTimer::timeout, this, &Bridge::commitPending);
    m_probeTimer->setInterval(OutboxProbeMs);
    connect(m_probeTimer, &QTimer::timeout, this, &Bridge::probeOutbox);
}

Bridge::~Bridge()
{
    // The forwarder and the heartbeat read the outbox: they go first.
    m_heartbeat.reset();
    m_forwarder.reset();
}

bool Bridge::start(QString *error)
{
    if (!m_outbox->open(m_config.outboxSync, error))
        return false;
    m_forwarder = std::make_unique<Forwarder>(m_outbox.get(), m_config.forwarder);
    if (m_outbox->depth() > 0)
        qCInfo(lcBridge).noquote()
            << u"%1 events waiting in %2 from an earlier run"_s.arg(m_outbox->depth())
                   .arg(m_outbox->path());
    m_forwarder->wake();
    m_heartbeat = std::make_unique<HeartbeatSender>(
        m_outbox.get(), HeartbeatSender::Options{
                            m_config.forwarder.backendUrl, m_config.forwarder.token,
                            m_config.forwarder.extraCaCertificates, m_config.bridgeId,
                            m_config.heartbeatIntervalMs, m_config.forwarder.transferTimeoutMs});
    m_heartbeat->start();
    for (const QString &filter : std::as_const(m_config.topicFilters))
        m_mqtt->subscribe(filter, 1);
    m_mqtt->connectToHost();
    return true;
}

void Bridge::shutdown()
{
    m_commitTimer->stop();
    m_probeTimer->stop();
    // What was read is committed before anything is acknowledged, the messages read by the
    // final drain of disconnectFromHost() too (readFinished -> commitPending); a commit that
    // fails aborts the connection instead, and the broker keeps those messages.
    commitPending();
    if (m_forwarder)
        m_forwarder->stop();
    if (m_heartbeat)
        m_heartbeat->stop();
    if (!m_outboxBlocked)
        m_mqtt->disconnectFromHost();
    qCInfo(lcBridge).noquote() << u"stopped: %1 messages received, %2 dropped, %3 "
                                  "events left in the outbox for the next start"_s
                                      .arg(m_receivedTotal)
                                      .arg(m_droppedTotal)
                                      .arg(m_outbox->depth());
}

void Bridge::onMessage(const QByteArray &payload, const QString &topic)
{
    if (m_outboxBlocked)
        return; // read after the connection was aborted, never acknowledged: comes again
    ++m_receivedTotal;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const EventConverter::Result result = m_converter.convert(
        payload, topic, double(now) / 1000.0, QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!result.event) {
        ++m_droppedTotal;
        qCWarning(lcBridge).noquote()
            << u"dropped a message on %1: %2 (%3 dropped so far)"_s.arg(topic, result.error)
                   .arg(m_droppedTotal);
        Q_EMIT messageDropped(topic, result.error);
        return;
    }
    const QJsonObject &event = *result.event;
    OutboxEvent entry;
    entry.body = BackendEvent::toBytes(event);
    entry.type = event.value("type"_L1).toString();
    entry.eventId = event.value("details"_L1).toObject().value("event_id"_L1).toString();
    entry.receivedAtMs = now;
    qCInfo(lcBridge).noquote() << u"received %1 (event_id %2) on %3"_s.arg(entry.type,
                                                                           entry.eventId, topic);
    m_pending.append(std::move(entry));
    if (!m_commitTimer->isActive())
        m_commitTimer->start(0);
}

void Bridge::commitPending()
{
    if (m_pending.isEmpty() || m_outboxBlocked)
        return;
    QString error;
    if (!m_outbox->append(&m_pending, &error)) {
        // Holding the messages in memory while acknowledging them would lose them to a kill;
        // holding them unacknowledged would pile them up. Neither: the connection goes before
        // any acknowledgement is written, and the broker keeps them until we can store them.
        qCCritical(lcBridge).noquote()
            << u"cannot write %1 events to the outbox (%2): not acknowledged, disconnected "
               "from the broker, which keeps them; trying the outbox again every %3 ms"_s
                   .arg(m_pending.size())
                   .arg(error)
                   .arg(OutboxProbeMs);
        m_blockedError = error;
        m_pending.clear();
        m_outboxBlocked = true;
        m_commitTimer->stop();
        m_mqtt->abortConnection();
        m_probeTimer->start();
        Q_EMIT outboxBlockedChanged(true);
        return;
    }
    m_pending.clear();
    if (m_forwarder)
        m_forwarder->wake();
}

void Bridge::probeOutbox()
{
    // Writing the reason is the probe: once it commits, the outbox takes writes again, and
    // --status shows what happened.
    if (!m_outbox->recordError(u"cannot write to the outbox: "_s + m_blockedError,
                               QDateTime::currentMSecsSinceEpoch()))
        return;
    qCInfo(lcBridge).noquote() << u"the outbox can be written again; reconnecting to the broker"_s;
    m_probeTimer->stop();
    m_outboxBlocked = false;
    Q_EMIT outboxBlockedChanged(false);
    m_mqtt->connectToHost();
}

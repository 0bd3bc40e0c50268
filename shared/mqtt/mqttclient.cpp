#include "mqttclient.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

#include <mosquitto.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMqtt, "vigil.mqtt")

namespace {

// How many messages may wait for PUBACK at once. libmosquitto's default of 20 caps a burst at
// 20 messages per round trip; the broker config we ship accepts more.
constexpr int InflightMessages = 200;
constexpr int MiscIntervalMs = 1000;
constexpr int DisconnectFlushMs = 2000;

void initLibraryOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

} // namespace

MqttClient::MqttClient(QObject *parent)
    : QObject(parent)
    , m_miscTimer(new QTimer(this))
    , m_reconnectTimer(new QTimer(this))
{
    initLibraryOnce();
    m_miscTimer->setInterval(MiscIntervalMs);
    connect(m_miscTimer, &QTimer::timeout, this, &MqttClient::runMisc);
    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &MqttClient::startConnecting);
}

MqttClient::~MqttClient()
{
    // A clean DISCONNECT on the way out, so the broker does not publish our last will when the
    // program simply exits. Signals are blocked: receivers may be half destroyed by now.
    blockSignals(true);
    disconnectFromHost();
    dropNotifiers();
    if (m_mosq)
        mosquitto_destroy(m_mosq);
}

void MqttClient::setWill(const QString &topic, const QByteArray &payload, int qos, bool retain)
{
    m_hasWill = !topic.isEmpty();
    m_will = PendingPublish{topic, payload, qos, retain};
}

void MqttClient::setReconnectDelays(int minimumMs, int maximumMs)
{
    m_reconnectMinMs = qMax(1, minimumMs);
    m_reconnectMaxMs = qMax(m_reconnectMinMs, maximumMs);
    m_reconnectDelayMs = m_reconnectMinMs;
}

QString MqttClient::endpoint() const
{
    return m_hostname + QLatin1Char(':') + QString::number(m_port);
}

void MqttClient::connectToHost()
{
    m_userDisconnect = false;
    if (m_inLoop) {
        // Starting a connection from inside libmosquitto's callback would have the library
        // close the new socket on its way out; start once the callback has returned.
        QTimer::singleShot(0, this, &MqttClient::connectToHost);
        return;
    }
    if (m_state != ClientState::Disconnected)
        return;
    m_reconnectTimer->stop();
    m_reconnectDelayMs = m_reconnectMinMs;
    if (!m_mosq && !createHandle())
        return;
    startConnecting();
}

bool MqttClient::createHandle()
{
    if (!m_cleanSession && m_clientId.isEmpty()) {
        setError(ClientError::IdRejected,
                 u"a persistent session (clean session off) needs a client id"_s);
        return false;
    }
    const QByteArray id = m_clientId.toUtf8();
    m_mosq = mosquitto_new(id.isEmpty() ? nullptr : id.constData(), m_cleanSession, this);
    if (!m_mosq) {
        setError(ClientError::UnknownError, u"cannot create the MQTT client: %1"_s.arg(
                                                QString::fromLocal8Bit(std::strerror(errno))));
        return false;
    }
    // "Threaded" only makes libmosquitto queue outgoing packets (PUBACKs among them) for the
    // next loop_write instead of writing them at once; no thread is started either way.
    mosquitto_threaded_set(m_mosq, m_acknowledgeAfterRead);
    mosquitto_int_option(m_mosq, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
    mosquitto_int_option(m_mosq, MOSQ_OPT_SEND_MAXIMUM, InflightMessages);
    mosquitto_int_option(m_mosq, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_connect_callback_set(m_mosq, &MqttClient::onConnectCallback);
    mosquitto_disconnect_callback_set(m_mosq, &MqttClient::onDisconnectCallback);
    mosquitto_message_callback_set(m_mosq, &MqttClient::onMessageCallback);
    mosquitto_publish_callback_set(m_mosq, &MqttClient::onPublishCallback);
    mosquitto_subscribe_callback_set(m_mosq, &MqttClient::onSubscribeCallback);
    mosquitto_log_callback_set(m_mosq, &MqttClient::onLogCallback);
    return true;
}

// Credentials, TLS and will are applied before every attempt, so setters called between
// attempts take effect. (Client id and clean session are fixed when the handle is created.)
void MqttClient::configureHandle()
{
    const QByteArray user = m_username.toUtf8();
    const QByteArray password = m_password.toUtf8();
    mosquitto_username_pw_set(m_mosq, user.isEmpty() ? nullptr : user.constData(),
                              password.isEmpty() ? nullptr : password.constData());
    if (m_hasWill) {
        const QByteArray topic = m_will.topic.toUtf8();
        mosquitto_will_set(m_mosq, topic.constData(), int(m_will.payload.size()),
                           m_will.payload.constData(), m_will.qos, m_will.retain);
    } else {
        mosquitto_will_clear(m_mosq);
    }
}

void MqttClient::startConnecting()
{
    if (!m_mosq || m_userDisconnect)
        return;
    configureHandle();
    if (!m_caFile.isEmpty()) {
        const QByteArray ca = QFile::encodeName(m_caFile);
        if (!QFileInfo(m_caFile).isReadable() ||
            mosquitto_tls_set(m_mosq, ca.constData(), nullptr, nullptr, nullptr, nullptr) !=
                MOSQ_ERR_SUCCESS) {
            setError(ClientError::TlsError,
                     u"cannot use CA file %1: not a readable file"_s.arg(m_caFile));
            return;
        }
    }
    dropNotifiers();
    m_refusedByBroker = false;
    m_lastLibraryError.clear();
    setState(ClientState::Connecting);
    const QByteArray host = m_hostname.toUtf8();
    const int rc = mosquitto_connect_async(m_mosq, host.constData(), m_port, m_keepAlive);
    if (rc != MOSQ_ERR_SUCCESS) {
        // Refused at once, or even a TLS handshake that failed already: same as a later loss.
        handleDisconnect(rc);
        return;
    }
    m_miscTimer->start();
    syncNotifiers();
}

void MqttClient::scheduleReconnect()
{
    if (!m_autoReconnect || m_userDisconnect)
        return;
    qCDebug(lcMqtt).noquote() << "reconnecting to" << endpoint() << "in" << m_reconnectDelayMs
                              << "ms";
    m_reconnectTimer->start(m_reconnectDelayMs);
    m_reconnectDelayMs = qMin(m_reconnectMaxMs, m_reconnectDelayMs * 2);
}

void MqttClient::disconnectFromHost()
{
    m_userDisconnect = true;
    m_reconnectTimer->stop();
    if (!m_mosq)
        return;
    const bool inCallback = m_inLoop; // then libmosquitto only queues, and we must not loop
    if (m_state == ClientState::Connected && !inCallback)
        drain(DisconnectFlushMs); // what was handed over goes out before DISCONNECT
    if (m_state != ClientState::Disconnected && mosquitto_socket(m_mosq) >= 0) {
        // Once DISCONNECT is written, libmosquitto closes the socket and calls on_disconnect.
        m_inLoop = true;
        mosquitto_disconnect(m_mosq);
        m_inLoop = inCallback;
        if (!inCallback)
            drain(DisconnectFlushMs);
    }
    if (!inCallback)
        syncNotifiers();
    if (mosquitto_socket(m_mosq) < 0)
        m_miscTimer->stop();
    const bool wasConnected = m_state == ClientState::Connected;
    setState(ClientState::Disconnected);
    if (wasConnected)
        Q_EMIT disconnected();
}

void MqttClient::abortConnection()
{
    m_userDisconnect = true; // no reconnect until connectToHost()
    m_reconnectTimer->stop();
    if (!m_mosq)
        return;
    const int fd = mosquitto_socket(m_mosq);
    if (fd >= 0) {
        // Nothing more leaves or is read from here on. libmosquitto keeps the descriptor until
        // the next connect (which also discards the packets it had queued) or destroy.
        ::shutdown(fd, SHUT_RDWR);
    }
    if (!m_inLoop) {
        // Inside a callback, libmosquitto's own read sees the shut socket and reports the loss.
        dropNotifiers();
        m_miscTimer->stop();
    }
    const bool wasConnected = m_state == ClientState::Connected;
    setState(ClientState::Disconnected);
    if (wasConnected)
        Q_EMIT disconnected();
}

// Closing a socket with unread data makes the kernel send RST, and the broker may then drop
// what it had not read yet; so read the PUBACKs too, not only write. A receiver that holds the
// acknowledgements (setAcknowledgeAfterRead) is given readFinished() after each read, before
// they are written, so that it stores what the drain brought or aborts the connection; while
// signals are blocked (our destructor) it could do neither, and nothing is read.
void MqttClient::drain(int timeoutMs)
{
    const bool mayRead = !m_acknowledgeAfterRead || !signalsBlocked();
    const QDeadlineTimer deadline(timeoutMs);
    for (int fd = mosquitto_socket(m_mosq); fd >= 0 && !deadline.hasExpired();
         fd = mosquitto_socket(m_mosq)) {
        const bool wantWrite = mosquitto_want_write(m_mosq);
        if (!wantWrite && (m_unacknowledged.isEmpty() || m_state != ClientState::Connected))
            return;
        if (!wantWrite && !mayRead)
            return;
        pollfd pfd{fd, short((mayRead ? POLLIN : 0) | (wantWrite ? POLLOUT : 0)), 0};
        if (::poll(&pfd, 1, int(deadline.remainingTime())) <= 0)
            return;
        int rc = MOSQ_ERR_SUCCESS;
        if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
            m_inLoop = true;
            rc = mosquitto_loop_read(m_mosq, 1);
            m_inLoop = false;
            if (rc == MOSQ_ERR_SUCCESS && m_acknowledgeAfterRead) {
                Q_EMIT readFinished();
                if (m_state == ClientState::Disconnected)
                    return; // aborted by the receiver
            }
        }
        m_inLoop = true;
        if (rc == MOSQ_ERR_SUCCESS && (pfd.revents & POLLOUT) && mosquitto_socket(m_mosq) >= 0)
            rc = mosquitto_loop_write(m_mosq, 1);
        m_inLoop = false;
        if (rc != MOSQ_ERR_SUCCESS || mosquitto_socket(m_mosq) < 0) {
            handleLoopResult(rc);
            return;
        }
    }
}

int MqttClient::publish(const QString &topic, const QByteArray &payload, int qos, bool retain)
{
    const QByteArray topicBytes = topic.toUtf8();
    if (topic.isEmpty() || mosquitto_pub_topic_check(topicBytes.constData()) != MOSQ_ERR_SUCCESS) {
        m_errorString = u"cannot publish: invalid topic \"%1\""_s.arg(topic);
        return -1;
    }
    if (qos < 0 || qos > 2) {
        m_errorString = u"cannot publish: QoS %1 is not 0, 1 or 2"_s.arg(qos);
        return -1;
    }
    const PendingPublish message{topic, payload, qos, retain};
    if (m_state == ClientState::Connected && m_offlineQueue.isEmpty())
        return handOver(message);
    if (m_offlineQueueLimit <= 0 || m_offlineQueue.size() >= m_offlineQueueLimit) {
        if (!m_offlineQueue.isEmpty())
            m_offlineQueue.dequeue();
        ++m_droppedPublishes;
        qCWarning(lcMqtt) << "offline queue full, dropped the oldest publish;" << m_droppedPublishes
                          << "dropped so far";
        Q_EMIT publishDropped(m_droppedPublishes);
        if (m_offlineQueueLimit <= 0)
            return 0;
    }
    m_offlineQueue.enqueue(message);
    return 0;
}

int MqttClient::handOver(const PendingPublish &message)
{
    const QByteArray topic = message.topic.toUtf8();
    int mid = 0;
    const int rc = mosquitto_publish(m_mosq, &mid, topic.constData(), int(message.payload.size()),
                                     message.payload.constData(), message.qos, message.retain);
    if (rc == MOSQ_ERR_NO_CONN || rc == MOSQ_ERR_CONN_LOST || rc == MOSQ_ERR_ERRNO) {
        // The connection went away under us; libmosquitto reports it on the next loop call.
        // A QoS 1 message is already in libmosquitto's queue, which resends it on reconnect.
        if (message.qos > 0 && mid > 0) {
            m_unacknowledged.insert(mid);
            return mid;
        }
        m_offlineQueue.prepend(message);
        return 0;
    }
    if (rc != MOSQ_ERR_SUCCESS) {
        m_errorString = u"cannot publish to %1: %2"_s.arg(
            message.topic, QString::fromUtf8(mosquitto_strerror(rc)));
        return -1;
    }
    if (message.qos > 0)
        m_unacknowledged.insert(mid);
    if (!m_inLoop)
        syncNotifiers();
    return mid;
}

void MqttClient::flushOfflineQueue()
{
    while (!m_offlineQueue.isEmpty() && m_state == ClientState::Connected) {
        const PendingPublish message = m_offlineQueue.dequeue();
        if (handOver(message) == 0)
            return; // put back at the head; the connection is gone
    }
}

bool MqttClient::subscribe(const QString &topicFilter, int qos)
{
    const QByteArray filter = topicFilter.toUtf8();
    if (topicFilter.isEmpty() ||
        mosquitto_sub_topic_check(filter.constData()) != MOSQ_ERR_SUCCESS) {
        m_errorString = u"cannot subscribe: invalid topic filter \"%1\""_s.arg(topicFilter);
        return false;
    }
    auto existing = std::find_if(m_subscriptions.begin(), m_subscriptions.end(),
                                 [&](const Subscription &s) { return s.filter == topicFilter; });
    if (existing != m_subscriptions.end())
        existing->qos = qos;
    else
        m_subscriptions.append(Subscription{topicFilter, qos});
    if (m_state == ClientState::Connected) {
        sendSubscription(Subscription{topicFilter, qos});
        if (!m_inLoop)
            syncNotifiers();
    }
    return true;
}

void MqttClient::sendSubscription(const Subscription &subscription)
{
    const QByteArray filter = subscription.filter.toUtf8();
    int mid = 0;
    if (mosquitto_subscribe(m_mosq, &mid, filter.constData(), subscription.qos) == MOSQ_ERR_SUCCESS)
        m_pendingSubscriptions.insert(mid, subscription.filter);
}

void MqttClient::setState(ClientState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void MqttClient::setError(ClientError error, const QString &message)
{
    // A broker that stays down fails every retry the same way: say it once.
    if (error != ClientError::NoError && message != m_errorString)
        qCWarning(lcMqtt).noquote() << message;
    m_errorString = message;
    if (m_error == error)
        return;
    m_error = error;
    Q_EMIT errorChanged(error);
}

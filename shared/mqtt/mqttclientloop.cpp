// The half of MqttClient that drives libmosquitto from the Qt event loop: socket notifiers,
// the misc timer, and libmosquitto's callbacks (which run inside our loop_read/loop_write calls).
#include "mqttclient.h"

#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimer>

#include <mosquitto.h>

#include <cerrno>
#include <cstring>

#include <sys/ioctl.h>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcMqtt)

// (What follows uses only the private interface and lcMqtt: it can become its own file.)

namespace {

// How many reads one socket notification may do before the event loop gets a turn again.
constexpr int ReadsPerWakeUp = 1000;

QString connackText(int rc)
{
    switch (rc) {
    case 1:
        return u"connection refused: unacceptable protocol version"_s;
    case 2:
        return u"connection refused: client identifier rejected"_s;
    case 3:
        return u"connection refused: server unavailable"_s;
    case 4:
        return u"connection refused: bad user name or password"_s;
    case 5:
        return u"connection refused: not authorized"_s;
    default:
        return u"connection refused: code %1"_s.arg(rc);
    }
}

MqttClient::ClientError connackError(int rc)
{
    using E = MqttClient::ClientError;
    switch (rc) {
    case 1:
        return E::InvalidProtocolVersion;
    case 2:
        return E::IdRejected;
    case 3:
        return E::ServerUnavailable;
    case 4:
        return E::BadUsernameOrPassword;
    case 5:
        return E::NotAuthorized;
    default:
        return E::UnknownError;
    }
}

// A library or system error as the end of our sentence: "Connection refused" -> "connection
// refused", "The connection was lost." -> "the connection was lost".
QString reasonText(int rc, int savedErrno)
{
    if (rc == MOSQ_ERR_KEEPALIVE) // libmosquitto 2.0.11 has no text for it
        return u"no answer to the keepalive ping"_s;
    QString text = rc == MOSQ_ERR_ERRNO && savedErrno != 0
                       ? QString::fromLocal8Bit(std::strerror(savedErrno))
                       : QString::fromUtf8(mosquitto_strerror(rc));
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

// "OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed" -> the reason.
QString opensslReason(const QString &line)
{
    const qsizetype colon = line.lastIndexOf(QLatin1Char(':'));
    return colon < 0 ? line : line.mid(colon + 1).trimmed();
}

} // namespace

void MqttClient::syncNotifiers()
{
    const int fd = m_mosq ? mosquitto_socket(m_mosq) : -1;
    if (fd < 0 || (m_readNotifier && m_readNotifier->socket() != fd))
        dropNotifiers();
    if (fd < 0)
        return;
    if (!m_readNotifier) {
        m_readNotifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(m_readNotifier, &QSocketNotifier::activated, this, &MqttClient::readSocket);
        m_writeNotifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &MqttClient::writeSocket);
    }
    m_writeNotifier->setEnabled(mosquitto_want_write(m_mosq));
}

// Called whenever libmosquitto has closed, or is about to close, the socket: a notifier must
// never stay registered on a closed descriptor (the number is soon reused). We may be inside
// the notifier's own activated() signal, hence disable now and delete later.
void MqttClient::dropNotifiers()
{
    for (QSocketNotifier *notifier : {m_readNotifier, m_writeNotifier}) {
        if (!notifier)
            continue;
        notifier->setEnabled(false);
        notifier->disconnect(this);
        notifier->deleteLater();
    }
    m_readNotifier = nullptr;
    m_writeNotifier = nullptr;
}

void MqttClient::readSocket()
{
    // libmosquitto reads a handful of packets per call; keep reading while the kernel holds
    // data so a burst drains at the broker's pace, with a bound so timers still run.
    for (int i = 0; i < ReadsPerWakeUp && m_mosq; ++i) {
        m_inLoop = true;
        const int rc = mosquitto_loop_read(m_mosq, 1);
        m_inLoop = false;
        const int fd = mosquitto_socket(m_mosq);
        if (rc != MOSQ_ERR_SUCCESS || fd < 0) {
            handleLoopResult(rc);
            break;
        }
        int available = 0;
        if (::ioctl(fd, FIONREAD, &available) != 0 || available <= 0)
            break;
    }
    Q_EMIT readFinished();
    syncNotifiers();
}

void MqttClient::writeSocket()
{
    m_inLoop = true;
    const int rc = mosquitto_loop_write(m_mosq, 1);
    m_inLoop = false;
    if (rc != MOSQ_ERR_SUCCESS || mosquitto_socket(m_mosq) < 0)
        handleLoopResult(rc);
    syncNotifiers();
}

void MqttClient::runMisc()
{
    if (!m_mosq || mosquitto_socket(m_mosq) < 0)
        return;
    m_inLoop = true;
    const int rc = mosquitto_loop_misc(m_mosq);
    m_inLoop = false;
    if (rc != MOSQ_ERR_SUCCESS || mosquitto_socket(m_mosq) < 0)
        handleLoopResult(rc);
    syncNotifiers();
}

// A loop call failed or the socket is gone. libmosquitto has usually reported it through
// on_disconnect already; a failed TLS handshake closes the socket without that callback.
void MqttClient::handleLoopResult(int rc)
{
    dropNotifiers();
    if (mosquitto_socket(m_mosq) >= 0 && rc == MOSQ_ERR_SUCCESS)
        return;
    if (m_state != ClientState::Disconnected)
        handleDisconnect(rc == MOSQ_ERR_SUCCESS ? MOSQ_ERR_CONN_LOST : rc);
}

void MqttClient::handleConnack(int rc)
{
    if (rc != 0) {
        m_refusedByBroker = true;
        setError(connackError(rc), connackText(rc));
        return; // libmosquitto closes the connection and calls on_disconnect next
    }
    qCInfo(lcMqtt).noquote() << "connected to" << endpoint();
    m_reconnectDelayMs = m_reconnectMinMs;
    setError(ClientError::NoError, QString());
    setState(ClientState::Connected);
    m_pendingSubscriptions.clear();
    for (const Subscription &subscription : std::as_const(m_subscriptions))
        sendSubscription(subscription);
    // libmosquitto resends the QoS 1 messages that were in flight when the connection dropped
    // only after this callback returns; what waited in our queue is younger, so it goes out on
    // the next turn of the loop, behind them. (Found under ASan: events arrived out of order.)
    QTimer::singleShot(0, this, &MqttClient::flushOfflineQueue);
    Q_EMIT connected();
}

void MqttClient::handleDisconnect(int rc)
{
    const int savedErrno = errno;
    qCDebug(lcMqtt) << "disconnect, libmosquitto code" << rc;
    dropNotifiers();
    if (m_state == ClientState::Disconnected) {
        m_miscTimer->stop(); // the expected end of a disconnectFromHost()
        return;
    }
    const bool wasConnected = m_state == ClientState::Connected;
    m_miscTimer->stop();
    if (m_userDisconnect || rc == MOSQ_ERR_SUCCESS) {
        // Our own DISCONNECT went out; libmosquitto closes the socket right after writing it.
        setState(ClientState::Disconnected);
        if (wasConnected)
            Q_EMIT disconnected();
        return;
    }
    if (!m_refusedByBroker) // else keep the CONNACK error
        describeFailure(rc, savedErrno, wasConnected);
    setState(ClientState::Disconnected);
    if (wasConnected)
        Q_EMIT disconnected();
    scheduleReconnect();
}

// libmosquitto reports a failed handshake two ways: MOSQ_ERR_TLS when it fails inside its own
// connect step, and MOSQ_ERR_ERRNO with EPROTO when SSL_write or SSL_read ran the handshake
// first (which of the two depends on whether the socket was readable or writable first; seen on
// Debian 13). In both cases it has logged the OpenSSL reason just before.
bool MqttClient::isTlsFailure(int rc, int savedErrno, bool wasConnected) const
{
    if (rc == MOSQ_ERR_TLS || rc == MOSQ_ERR_TLS_HANDSHAKE)
        return true;
    return !wasConnected && !m_caFile.isEmpty() && rc == MOSQ_ERR_ERRNO && savedErrno == EPROTO &&
           m_lastLibraryError.contains(u"OpenSSL"_s);
}

void MqttClient::describeFailure(int rc, int savedErrno, bool wasConnected)
{
    if (isTlsFailure(rc, savedErrno, wasConnected)) {
        const QString reason =
            m_lastLibraryError.isEmpty() ? u"handshake error"_s : opensslReason(m_lastLibraryError);
        setError(ClientError::TlsError,
                 u"TLS handshake with %1 failed: %2"_s.arg(endpoint(), reason));
    } else if (rc == MOSQ_ERR_PROTOCOL || rc == MOSQ_ERR_MALFORMED_PACKET) {
        setError(ClientError::ProtocolViolation,
                 u"protocol error from %1: %2"_s.arg(endpoint(), reasonText(rc, savedErrno)));
    } else if (wasConnected) {
        setError(ClientError::TransportInvalid,
                 rc == MOSQ_ERR_CONN_LOST
                     ? u"connection to %1 lost"_s.arg(endpoint())
                     : u"connection to %1 lost: %2"_s.arg(endpoint(), reasonText(rc, savedErrno)));
    } else {
        setError(ClientError::TransportInvalid,
                 u"cannot connect to %1: %2"_s.arg(endpoint(), reasonText(rc, savedErrno)));
    }
}

void MqttClient::onConnectCallback(mosquitto *, void *self, int rc)
{
    static_cast<MqttClient *>(self)->handleConnack(rc);
}

void MqttClient::onDisconnectCallback(mosquitto *, void *self, int rc)
{
    static_cast<MqttClient *>(self)->handleDisconnect(rc);
}

void MqttClient::onMessageCallback(mosquitto *, void *self, const mosquitto_message *message)
{
    auto *client = static_cast<MqttClient *>(self);
    Q_EMIT client->messageReceived(
        QByteArray(static_cast<const char *>(message->payload), message->payloadlen),
        QString::fromUtf8(message->topic));
}

void MqttClient::onPublishCallback(mosquitto *, void *self, int messageId)
{
    auto *client = static_cast<MqttClient *>(self);
    client->m_unacknowledged.remove(messageId);
    Q_EMIT client->messageSent(messageId);
}

void MqttClient::onSubscribeCallback(mosquitto *, void *self, int messageId, int, const int *)
{
    auto *client = static_cast<MqttClient *>(self);
    const QString filter = client->m_pendingSubscriptions.take(messageId);
    if (!filter.isEmpty())
        Q_EMIT client->subscribed(filter);
}

void MqttClient::onLogCallback(mosquitto *, void *self, int level, const char *text)
{
    // libmosquitto never logs the password; the OpenSSL reason of a failed handshake only
    // reaches us this way.
    if (level == MOSQ_LOG_ERR) {
        static_cast<MqttClient *>(self)->m_lastLibraryError = QString::fromUtf8(text);
        qCDebug(lcMqtt) << "libmosquitto:" << text;
    }
}

#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QString>

struct mosquitto;
struct mosquitto_message;
class QSocketNotifier;
class QTimer;

// An MQTT 3.1.1 client over libmosquitto, driven by the Qt event loop of the thread that owns
// it: socket notifiers on mosquitto_socket() call mosquitto_loop_read/write, a timer calls
// mosquitto_loop_misc, and libmosquitto's callbacks therefore run on this thread. No extra
// thread. Names mirror QMqttClient where they fit.
//
// Subscriptions are remembered and sent again on every (re)connect. With autoReconnect on (the
// default), a lost or refused connection is retried with capped exponential backoff.
// Publishes made while not connected wait in a bounded FIFO (offlineQueueLimit, oldest dropped
// and counted through publishDropped) and go out in order once connected.
//
// States: Connecting while an attempt runs, Connected after a successful CONNACK, Disconnected
// otherwise, including while waiting for the next retry. connected()/disconnected() mark the
// start and end of each Connected period; error()/errorString() keep the last failure (one
// readable line, never a password) until the next successful connect. The client id and clean
// session flag are read by the first connectToHost(); the other settings by every attempt.
// Signals may be emitted from inside libmosquitto's callbacks: a slot may call publish(),
// subscribe(), connectToHost() or disconnectFromHost(), but must delete the client only with
// deleteLater(). Owned by its QObject parent; lives on one thread.
class MqttClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(ClientState state READ state NOTIFY stateChanged)
    Q_PROPERTY(ClientError error READ error NOTIFY errorChanged)
public:
    enum class ClientState { Disconnected, Connecting, Connected };
    Q_ENUM(ClientState)

    enum class ClientError {
        NoError,
        InvalidProtocolVersion,
        IdRejected,
        ServerUnavailable,
        BadUsernameOrPassword,
        NotAuthorized,
        TransportInvalid, // socket or DNS failure, connection lost
        TlsError,         // handshake or certificate failure
        ProtocolViolation,
        UnknownError,
    };
    Q_ENUM(ClientError)

    explicit MqttClient(QObject *parent = nullptr);
    ~MqttClient() override;

    void setHostname(const QString &hostname) { m_hostname = hostname; }
    void setPort(quint16 port) { m_port = port; }
    void setClientId(const QString &clientId) { m_clientId = clientId; }
    void setCleanSession(bool clean) { m_cleanSession = clean; }
    void setUsername(const QString &username) { m_username = username; }
    void setPassword(const QString &password) { m_password = password; }
    void setCaFile(const QString &path) { m_caFile = path; } // non-empty enables TLS
    void setKeepAlive(int seconds) { m_keepAlive = seconds; }
    void setWill(const QString &topic, const QByteArray &payload, int qos, bool retain);
    void setAutoReconnect(bool enabled) { m_autoReconnect = enabled; }
    void setReconnectDelays(int minimumMs, int maximumMs);
    void setOfflineQueueLimit(int messages) { m_offlineQueueLimit = messages; }
    // libmosquitto acknowledges a QoS 1 message before handing it to us. With this on (set it
    // before connectToHost()), the acknowledgements of one socket read are only written once
    // the event loop runs again, after readFinished(): a receiver that stores the messages in
    // a readFinished() slot loses none of them to a crash, at worst gets them twice.
    // disconnectFromHost() emits readFinished() after each read of its final drain too, before
    // anything is acknowledged; a receiver that cannot store them calls abortConnection() there.
    void setAcknowledgeAfterRead(bool enabled) { m_acknowledgeAfterRead = enabled; }

    QString hostname() const { return m_hostname; }
    quint16 port() const { return m_port; }
    QString clientId() const { return m_clientId; }
    QString username() const { return m_username; }
    QString caFile() const { return m_caFile; }
    int keepAlive() const { return m_keepAlive; }
    ClientState state() const { return m_state; }
    ClientError error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    int offlineQueueSize() const { return int(m_offlineQueue.size()); }
    qint64 droppedPublishes() const { return m_droppedPublishes; }

    void connectToHost();
    // Waits (blocking, at most 2 s) until what was handed to libmosquitto is written and its
    // QoS 1 messages acknowledged, then sends DISCONNECT (so no last will) and stops retrying.
    // The offline queue is kept for the next connectToHost().
    void disconnectFromHost();
    // Drops the connection at once without writing what libmosquitto has queued, the
    // acknowledgements of the messages read since the last write among them, and does not
    // reconnect until connectToHost(). For a receiver that could not store what it was given:
    // the broker keeps the unacknowledged messages of a persistent session and sends them
    // again on the next connection. What was written before stays written.
    void abortConnection();

    // Returns the message id (> 0) once handed to libmosquitto, 0 when queued offline, or -1
    // with errorString() set when refused (bad topic, payload too large). Messages flushed
    // from the offline queue get ids the caller never saw in messageSent().
    int publish(const QString &topic, const QByteArray &payload, int qos = 1, bool retain = false);
    bool subscribe(const QString &topicFilter, int qos = 1);

Q_SIGNALS:
    void connected();
    void disconnected();
    void stateChanged(MqttClient::ClientState state);
    void errorChanged(MqttClient::ClientError error);
    void messageReceived(const QByteArray &message, const QString &topic);
    void subscribed(const QString &topicFilter); // the broker acknowledged it (SUBACK)
    void readFinished();                      // every message of one socket read has been emitted
    void messageSent(int messageId);          // QoS 0 written, or QoS 1 acknowledged (PUBACK)
    void publishDropped(qint64 totalDropped); // the offline queue was full

private:
    struct PendingPublish
    {
        QString topic;
        QByteArray payload;
        int qos;
        bool retain;
    };
    struct Subscription
    {
        QString filter;
        int qos;
    };

    static void onConnectCallback(mosquitto *, void *self, int rc);
    static void onDisconnectCallback(mosquitto *, void *self, int rc);
    static void onMessageCallback(mosquitto *, void *self, const mosquitto_message *message);
    static void onPublishCallback(mosquitto *, void *self, int messageId);
    static void onSubscribeCallback(mosquitto *, void *self, int messageId, int count,
                                    const int *grantedQos);
    static void onLogCallback(mosquitto *, void *self, int level, const char *text);

    bool createHandle();
    void configureHandle();
    void handleConnack(int rc);
    void handleDisconnect(int rc);
    void describeFailure(int rc, int savedErrno, bool wasConnected);
    bool isTlsFailure(int rc, int savedErrno, bool wasConnected) const;
    void handleLoopResult(int rc); // an error return of a mosquitto_loop_* call
    void startConnecting();
    void scheduleReconnect();
    void readSocket();
    void writeSocket();
    void runMisc();
    void drain(int timeoutMs); // bounded blocking write and read, for disconnectFromHost()
    void syncNotifiers();      // notifiers follow mosquitto_socket() and mosquitto_want_write()
    void dropNotifiers();
    void flushOfflineQueue();
    void sendSubscription(const Subscription &subscription);
    int handOver(const PendingPublish &message);
    void setState(ClientState state);
    void setError(ClientError error, const QString &message);
    QString endpoint() const;

    mosquitto *m_mosq = nullptr;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer *m_miscTimer = nullptr;
    QTimer *m_reconnectTimer = nullptr;

    QString m_hostname = QStringLiteral("localhost");
    quint16 m_port = 1883;
    QString m_clientId;
    bool m_cleanSession = true;
    QString m_username;
    QString m_password;
    QString m_caFile;
    int m_keepAlive = 30;
    bool m_hasWill = false;
    PendingPublish m_will{};
    bool m_autoReconnect = true;
    int m_reconnectMinMs = 500;
    int m_reconnectMaxMs = 30000;
    int m_reconnectDelayMs = 500;
    bool m_userDisconnect = false;
    bool m_inLoop = false;          // inside a mosquitto_loop_* call (callbacks may run)
    bool m_refusedByBroker = false; // this attempt got a CONNACK refusal; keep its error
    QString m_lastLibraryError;     // last MOSQ_LOG_ERR line, e.g. the OpenSSL reason

    ClientState m_state = ClientState::Disconnected;
    ClientError m_error = ClientError::NoError;
    QString m_errorString;

    QList<Subscription> m_subscriptions;
    QHash<int, QString> m_pendingSubscriptions; // SUBSCRIBE message id -> filter
    QSet<int> m_unacknowledged;                 // QoS 1 message ids waiting for PUBACK
    QQueue<PendingPublish> m_offlineQueue;
    int m_offlineQueueLimit = 10000;
    bool m_acknowledgeAfterRead = false;
    qint64 m_droppedPublishes = 0;
};

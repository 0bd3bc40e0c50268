#pragma once

#include "batchpolicy.h"
#include "deliverybackoff.h"
#include "outbox.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

// Delivers the outbox to BACKEND_URL/api/events, oldest first, one request at a time so the
// order holds: a single event while the outbox holds only one, a JSON array of up to
// maxBatchEvents / maxBatchBytes as soon as a backlog exists. Events leave the outbox only after
// the backend's 2xx (or, refused for good, as dead letters); everything else is retried with
// DeliveryBackoff. How the outbox is cut into requests, and what a refused batch leads to, is
// BatchPolicy's to say; the Forwarder carries it out over HTTP.
//
// Lives on the thread of the Outbox it reads (the Bridge's); the Outbox must outlive it.
class Forwarder : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxBatchEvents = BatchPolicy::DefaultMaxEvents;
    static constexpr qint64 DefaultMaxBatchBytes = BatchPolicy::DefaultMaxBytes;
    static constexpr int DefaultTransferTimeoutMs = 10000;

    struct Options
    {
        QUrl backendUrl; // the base URL; events go to <base>/api/events
        QString token;   // Authorization: Bearer <token> when not empty; never logged
        QList<QSslCertificate> extraCaCertificates;
        int maxBatchEvents = DefaultMaxBatchEvents;
        qint64 maxBatchBytes = DefaultMaxBatchBytes;
        int transferTimeoutMs = DefaultTransferTimeoutMs;
    };

    enum class State { Idle, Sending, WaitingToRetry, Stopped };
    Q_ENUM(State)

    Forwarder(Outbox *outbox, const Options &options, QObject *parent = nullptr);
    ~Forwarder() override;

    void setBackoffLimits(int minimumMs, int maximumMs)
    {
        m_backoff.setLimits(minimumMs, maximumMs);
    }

    // New events are in the outbox: send them unless a request or a retry is already pending.
    void wake();
    // Abandons the request in flight (its events stay in the outbox) and sends nothing more.
    void stop();

    State state() const { return m_state; }
    qint64 deliveredTotal() const { return m_deliveredTotal; }
    qint64 deadLetteredTotal() const { return m_deadLetteredTotal; }
    static QUrl eventsUrl(const QUrl &backendUrl);

Q_SIGNALS:
    void stateChanged(Forwarder::State state);
    void delivered(int count);    // events the backend accepted (2xx) in one answer
    void deadLettered(int count); // events moved to the dead-letter table
    void retryScheduled(qint64 delayMs, const QString &reason);

private:
    void sendNext();
    void handleReply(QNetworkReply *reply);
    void onAccepted(int httpStatus, const QByteArray &body);
    void onRefused(int httpStatus, const QString &message);
    void settle(const QList<DeadLetter> &dead);
    void scheduleRetry(const QString &reason, qint64 retryAfterMs, bool tokenRefused);
    void noteRecovery();
    void setState(State state);

    Outbox *m_outbox;
    Options m_options;
    QUrl m_eventsUrl;
    QNetworkAccessManager *m_network;
    QTimer *m_retryTimer;
    DeliveryBackoff m_backoff;
    BatchPolicy m_batchPolicy;
    State m_state = State::Idle;

    QPointer<QNetworkReply> m_reply;
    QList<OutboxEvent> m_inFlight;
    BatchPolicy::Batch m_inFlightShape;
    QElapsedTimer m_sentAt;

    QElapsedTimer m_downFor;       // valid while the backend is failing or draining a backlog
    qint64 m_downMs = 0;           // how long it failed before the first success
    qint64 m_backlogDelivered = 0; // delivered since the backend came back
    bool m_backendBack = false;

    qint64 m_deliveredTotal = 0;
    qint64 m_deadLetteredTotal = 0;
};

#include "forwarder.h"

#include "deliveryrequest.h"
#include "deliveryresponse.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcForwarder, "vigil.bridge.forwarder")

namespace {

QString seconds(qint64 msecs)
{
    return QString::number(double(msecs) / 1000.0, 'f', msecs < 10000 ? 1 : 0) + u" s"_s;
}

} // namespace

Forwarder::Forwarder(Outbox *outbox, const Options &options, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_options(options)
    , m_eventsUrl(eventsUrl(options.backendUrl))
    , m_network(new QNetworkAccessManager(this))
    , m_retryTimer(new QTimer(this))
    , m_batchPolicy(options.maxBatchEvents, options.maxBatchBytes)
{
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, [this] {
        setState(State::Idle);
        sendNext();
    });
}

Forwarder::~Forwarder()
{
    stop();
}

QUrl Forwarder::eventsUrl(const QUrl &backendUrl)
{
    return DeliveryRequest::apiUrl(backendUrl, u"/api/events"_s);
}

void Forwarder::wake()
{
    if (m_state == State::Idle)
        sendNext();
}

void Forwarder::stop()
{
    setState(State::Stopped);
    m_retryTimer->stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->abort();
        reply->deleteLater();
    }
}

void Forwarder::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Forwarder::sendNext()
{
    if (m_state != State::Idle)
        return;
    if (m_outbox->depth() == 0) {
        noteRecovery();
        return;
    }
    const qint64 pending = m_outbox->depth();
    const BatchPolicy::Take take = m_batchPolicy.take(pending);
    m_inFlight = m_outbox->peek(take.maxEvents, take.maxBytes);
    if (m_inFlight.isEmpty()) {
        // The outbox holds events but could not be read (Outbox::peek logged why): try again
        // on the retry timer, not only when the next MQTT message happens to arrive.
        const qint64 delay = m_backoff.nextDelay();
        qCWarning(lcForwarder).noquote()
            << u"cannot read the %1 events of the outbox; next try in %2"_s.arg(pending).arg(
                   seconds(delay));
        setState(State::WaitingToRetry);
        m_retryTimer->start(int(delay));
        return;
    }
    m_inFlightShape = m_batchPolicy.shape(pending, m_inFlight.first().id, m_inFlight.size());
    m_inFlight.resize(m_inFlightShape.count);

    const QNetworkRequest request = DeliveryRequest::make(
        m_eventsUrl, m_options.token, m_options.extraCaCertificates, m_options.transferTimeoutMs);
    const QByteArray body = DeliveryRequest::body(m_inFlight, m_inFlightShape.asArray);
    setState(State::Sending);
    m_sentAt.start();
    m_reply = m_network->post(request, body);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { handleReply(reply); });
}

void Forwarder::handleReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return; // abandoned by stop()
    m_reply = nullptr;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    QString reason;
    switch (DeliveryResponse::classify(status)) {
    case DeliveryResponse::Outcome::Delivered:
        reason = DeliveryResponse::storageProofError(status, body, m_inFlightShape.asArray,
                                                     m_inFlight.size());
        if (reason.isEmpty()) {
            onAccepted(status, body);
            return;
        }
        break;
    case DeliveryResponse::Outcome::Refused:
        onRefused(status, DeliveryResponse::serverMessage(body, status));
        return;
    case DeliveryResponse::Outcome::Unauthorized:
    case DeliveryResponse::Outcome::Retry:
        break;
    }
    const std::optional<qint64> retryAfter = DeliveryResponse::retryAfterMs(
        reply->rawHeader("Retry-After"), QDateTime::currentDateTimeUtc(),
        DeliveryBackoff::MaxRetryAfterMs);
    if (!reason.isEmpty()) {
        // a 2xx that does not prove storage: the reason says so already
    } else if (status == 0) {
        reason = reply->error() == QNetworkReply::OperationCanceledError
                     ? u"no answer within %1"_s.arg(seconds(m_options.transferTimeoutMs))
                     : reply->errorString();
    } else if (status >= 300 && status < 400) {
        reason = u"HTTP %1 redirect to %2, not followed (is BACKEND_URL right?)"_s.arg(status).arg(
            QString::fromLatin1(reply->rawHeader("Location")).left(300));
    } else {
        reason = u"HTTP %1: %2"_s.arg(status).arg(DeliveryResponse::serverMessage(body, status));
    }
    scheduleRetry(reason, retryAfter.value_or(-1),
                  DeliveryResponse::classify(status) == DeliveryResponse::Outcome::Unauthorized);
}

void Forwarder::onAccepted(int httpStatus, const QByteArray &body)
{
    QList<DeadLetter> dead;
    if (m_inFlightShape.asArray) {
        const QList<DeliveryResponse::Rejection> rejections =
            DeliveryResponse::batchRejections(body);
        for (const DeliveryResponse::Rejection &rejection : rejections) {
            if (rejection.index < 0 || rejection.index >= m_inFlight.size())
                continue;
            const OutboxEvent &event = m_inFlight.at(rejection.index);
            qCWarning(lcForwarder).noquote()
                << u"backend rejected %1 (event_id %2) in a batch: %3; kept as a "
                   "dead letter"_s.arg(event.type, event.eventId, rejection.error);
            dead.append({event, httpStatus, rejection.error});
        }
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const OutboxEvent &first = m_inFlight.first();
    if (m_inFlightShape.asArray) {
        qCInfo(lcForwarder).noquote()
            << u"delivered a batch of %1 events (outbox #%2..#%3), oldest waited "
               "%4 ms, request took %5 ms"_s.arg(m_inFlight.size() - dead.size())
                   .arg(first.id)
                   .arg(m_inFlight.last().id)
                   .arg(now - first.receivedAtMs)
                   .arg(m_sentAt.elapsed());
    } else {
        qCInfo(lcForwarder).noquote() << u"delivered %1 (event_id %2) %3 ms after it was received"_s
                                             .arg(first.type, first.eventId)
                                             .arg(now - first.receivedAtMs);
    }
    if (m_downFor.isValid()) {
        if (!m_backendBack)
            m_downMs = m_downFor.elapsed();
        m_backendBack = true;
        m_backlogDelivered += m_inFlight.size();
    }
    m_backoff.reset();
    settle(dead);
}

void Forwarder::onRefused(int httpStatus, const QString &message)
{
    qint64 bytes = 0;
    for (const OutboxEvent &event : std::as_const(m_inFlight))
        bytes += event.body.size();
    switch (m_batchPolicy.refused(httpStatus, m_inFlightShape, bytes, m_inFlight.last().id)) {
    case BatchPolicy::Refusal::ResendSmaller:
        qCWarning(lcForwarder).noquote()
            << u"backend refused a batch of %1 events as too large (HTTP 413: "
               "%2); sending batches of at most %3 bytes"_s.arg(m_inFlight.size())
                   .arg(message)
                   .arg(m_batchPolicy.maxBytes());
        setState(State::Idle);
        sendNext();
        return;
    case BatchPolicy::Refusal::ResendOneByOne:
        qCWarning(lcForwarder).noquote()
            << u"backend refused a batch of %1 events (HTTP %2: %3); sending them "
               "one by one to find the bad one"_s.arg(m_inFlight.size())
                   .arg(httpStatus)
                   .arg(message);
        setState(State::Idle);
        sendNext();
        return;
    case BatchPolicy::Refusal::DeadLetter:
        break;
    }
    const OutboxEvent &event = m_inFlight.first();
    qCWarning(lcForwarder).noquote()
        << u"backend refused %1 (event_id %2) for good (HTTP %3: %4); kept as a "
           "dead letter"_s.arg(event.type, event.eventId)
               .arg(httpStatus)
               .arg(message);
    m_backoff.reset();
    settle({{event, httpStatus, message}});
}

void Forwarder::settle(const QList<DeadLetter> &dead)
{
    QString error;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_outbox->settle(m_inFlight.first().id, m_inFlight.last().id, dead, now, &error)) {
        // The backend has them; sending them again is harmless (it drops duplicates).
        scheduleRetry(u"cannot update the outbox: "_s + error, -1, false);
        return;
    }
    const int accepted = int(m_inFlight.size() - dead.size());
    m_deliveredTotal += accepted;
    m_deadLetteredTotal += dead.size();
    m_inFlight.clear();
    setState(State::Idle);
    if (accepted > 0)
        Q_EMIT delivered(accepted);
    if (!dead.isEmpty())
        Q_EMIT deadLettered(int(dead.size()));
    sendNext();
}

void Forwarder::scheduleRetry(const QString &reason, qint64 retryAfterMs, bool tokenRefused)
{
    m_inFlight.clear();
    if (!m_downFor.isValid() || m_backendBack) {
        m_downFor.start();
        m_backendBack = false;
        m_backlogDelivered = 0;
    }
    const qint64 delay = m_backoff.nextDelay(retryAfterMs);
    const qint64 depth = m_outbox->depth();
    if (tokenRefused) {
        qCWarning(lcForwarder).noquote()
            << u"backend refused BACKEND_TOKEN (%1); %2 events kept, next try in %3"_s.arg(reason)
                   .arg(depth)
                   .arg(seconds(delay));
    } else {
        qCWarning(lcForwarder).noquote()
            << u"backend unreachable (%1); %2 events kept, next try in %3"_s.arg(reason)
                   .arg(depth)
                   .arg(seconds(delay));
    }
    m_outbox->recordError(reason, QDateTime::currentMSecsSinceEpoch());
    setState(State::WaitingToRetry);
    m_retryTimer->start(int(delay));
    Q_EMIT retryScheduled(delay, reason);
}

void Forwarder::noteRecovery()
{
    if (!m_downFor.isValid() || !m_backendBack)
        return;
    qCInfo(lcForwarder).noquote()
        << u"recovered: backlog of %1 events drained, the backend was unavailable "
           "for %2"_s.arg(m_backlogDelivered)
               .arg(seconds(m_downMs));
    m_downFor.invalidate();
    m_backendBack = false;
    m_backlogDelivered = 0;
}

#include "benchsubscriber.h"

#include "benchcommon.h"

#include <mosquitto.h>

#include <chrono>
#include <thread>

using namespace Qt::StringLiterals;

BenchSubscriber::BenchSubscriber(QString host, int port, QByteArray topic, QByteArray runId)
    : m_host(std::move(host))
    , m_port(port)
    , m_topic(std::move(topic))
    , m_runId(std::move(runId))
{}

BenchSubscriber::~BenchSubscriber()
{
    if (!m_mosq)
        return;
    mosquitto_disconnect(m_mosq);
    mosquitto_loop_stop(m_mosq, false);
    mosquitto_destroy(m_mosq);
}

bool BenchSubscriber::start(QString *error)
{
    const QByteArray clientId = "bench-sub-" + m_runId;
    m_mosq = mosquitto_new(clientId.constData(), true, this);
    if (!m_mosq) {
        *error = u"mosquitto_new failed"_s;
        return false;
    }
    mosquitto_connect_callback_set(m_mosq, [](mosquitto *mosq, void *self, int rc) {
        auto *subscriber = static_cast<BenchSubscriber *>(self);
        subscriber->m_connack = rc;
        if (rc == 0)
            mosquitto_subscribe(mosq, nullptr, subscriber->m_topic.constData(), 1);
    });
    mosquitto_subscribe_callback_set(m_mosq, [](mosquitto *, void *self, int, int, const int *) {
        static_cast<BenchSubscriber *>(self)->m_subscribed = true;
    });
    mosquitto_message_callback_set(m_mosq,
                                   [](mosquitto *, void *self, const mosquitto_message *message) {
                                       static_cast<BenchSubscriber *>(self)->onMessage(message);
                                   });
    mosquitto_int_option(m_mosq, MOSQ_OPT_TCP_NODELAY, 1);
    int rc = mosquitto_connect(m_mosq, m_host.toUtf8().constData(), m_port, 30);
    if (rc == MOSQ_ERR_SUCCESS)
        rc = mosquitto_loop_start(m_mosq);
    if (rc != MOSQ_ERR_SUCCESS) {
        *error = u"cannot connect to %1:%2: %3"_s.arg(m_host).arg(m_port).arg(
            QString::fromUtf8(mosquitto_strerror(rc)));
        return false;
    }
    const qint64 deadline = BenchCommon::nowUs() + 10'000'000;
    while (!m_subscribed.load()) {
        if (BenchCommon::nowUs() > deadline || m_connack.load() > 0) {
            *error = u"no SUBACK from the broker (CONNACK %1)"_s.arg(m_connack.load());
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

bool BenchSubscriber::waitFor(qint64 count, double timeoutSeconds) const
{
    const qint64 deadline = BenchCommon::nowUs() + qint64(timeoutSeconds * 1e6);
    while (m_received.load() < count) {
        if (BenchCommon::nowUs() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return true;
}

QList<double> BenchSubscriber::latenciesMs() const
{
    const std::lock_guard lock(m_latencyMutex);
    return m_latenciesMs;
}

void BenchSubscriber::onMessage(const mosquitto_message *message)
{
    const qint64 arrivalUs = BenchCommon::nowUs();
    const QByteArray payload =
        QByteArray::fromRawData(static_cast<const char *>(message->payload), message->payloadlen);
    if (!payload.contains(m_runId))
        return;
    const qint64 sentUs = BenchCommon::embeddedSentUs(payload);
    if (sentUs > 0) {
        const std::lock_guard lock(m_latencyMutex);
        m_latenciesMs.append(double(arrivalUs - sentUs) / 1000.0);
    }
    m_lastArrivalUs = arrivalUs;
    m_received.fetch_add(1);
}

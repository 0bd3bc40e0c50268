#include "deliverybackoff.h"

#include <QtGlobal>

DeliveryBackoff::DeliveryBackoff(int minimumMs, int maximumMs)
    : m_minimumMs(minimumMs)
    , m_maximumMs(maximumMs)
    , m_random(QRandomGenerator::global()->generate())
{}

void DeliveryBackoff::setLimits(int minimumMs, int maximumMs)
{
    m_minimumMs = qMax(1, minimumMs);
    m_maximumMs = qMax(m_minimumMs, maximumMs);
}

qint64 DeliveryBackoff::nextDelay(qint64 retryAfterMs)
{
    ++m_failures;
    // 2^20 times the minimum is far past any sensible maximum; stop doubling there.
    const int doublings = qMin(m_failures - 1, 20);
    const qint64 step = qMin<qint64>(m_maximumMs, qint64(m_minimumMs) << doublings);
    const qint64 half = step / 2;
    qint64 delay = half + qint64(m_random.bounded(quint32(step - half + 1)));
    if (retryAfterMs >= 0)
        delay = qMax(delay, qMin(retryAfterMs, MaxRetryAfterMs));
    return delay;
}

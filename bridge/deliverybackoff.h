#pragma once

#include <QRandomGenerator>

// Capped exponential backoff with jitter for delivery retries: after the n-th failure in a row
// the delay is drawn from [step/2, step] where step = min(maximum, minimum * 2^(n-1)), so a
// fleet of bridges does not hammer a recovering backend in lockstep. A server's Retry-After
// raises the delay (never above MaxRetryAfterMs). A plain value type; any thread.
class DeliveryBackoff
{
public:
    static constexpr int DefaultMinimumMs = 1000;
    static constexpr int DefaultMaximumMs = 60000;
    static constexpr qint64 MaxRetryAfterMs = 3600LL * 1000;

    DeliveryBackoff(int minimumMs = DefaultMinimumMs, int maximumMs = DefaultMaximumMs);

    void setLimits(int minimumMs, int maximumMs);
    void seed(quint32 value) { m_random.seed(value); }

    // Counts one more failure and returns how long to wait; `retryAfterMs` < 0 means none.
    qint64 nextDelay(qint64 retryAfterMs = -1);
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }

private:
    int m_minimumMs;
    int m_maximumMs;
    int m_failures = 0;
    QRandomGenerator m_random;
};

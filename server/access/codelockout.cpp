#include "codelockout.h"

#include <utility>

CodeLockout::CodeLockout(Limits limits, Clock clock)
    : m_limits(limits)
    , m_clock(std::move(clock))
{}

bool CodeLockout::lockedAt(qint64 now) const
{
    // Elapsed time below zero is a clock that stepped back: the lockout is over rather than
    // stretched by however far it went.
    return m_lockedSince && now >= *m_lockedSince && now - *m_lockedSince < m_limits.lockoutMs;
}

std::optional<qint64> CodeLockout::retryAfterSeconds() const
{
    const qint64 now = m_clock();
    if (!lockedAt(now))
        return std::nullopt;
    const qint64 leftMs = *m_lockedSince + m_limits.lockoutMs - now; // >= 1 while locked
    return (leftMs + 999) / 1000;
}

void CodeLockout::expire(qint64 now)
{
    if (m_lockedSince && !lockedAt(now))
        m_lockedSince.reset(); // the failures were cleared when it started
    const auto over = [now](qint64 since, qint64 span) {
        return now < since || now - since >= span;
    };
    m_failures.removeIf([&](qint64 at) { return over(at, m_limits.windowMs); });
    m_checks.removeIf([&](qint64 at) { return over(at, m_limits.checkTimeoutMs); });
}

void CodeLockout::endOneCheck()
{
    if (!m_checks.isEmpty())
        m_checks.removeFirst();
}

bool CodeLockout::beginCheck()
{
    const qint64 now = m_clock();
    expire(now);
    if (m_lockedSince)
        return false;
    if (m_failures.size() + m_checks.size() >= m_limits.maxAttempts)
        return false;
    m_checks.append(now);
    return true;
}

bool CodeLockout::recordFailure()
{
    const qint64 now = m_clock();
    expire(now);
    endOneCheck();
    if (m_lockedSince)
        return false;
    m_failures.append(now);
    if (m_failures.size() < m_limits.maxAttempts)
        return false;
    m_lockedSince = now;
    // The next round starts from zero once this lockout is over.
    m_failures.clear();
    return true;
}

void CodeLockout::recordSuccess()
{
    expire(m_clock());
    endOneCheck();
    m_failures.clear();
}

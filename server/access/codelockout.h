#pragma once

#include <QList>
#include <QtGlobal>

#include <functional>
#include <optional>

// The global keypad lockout, one counter for every way a code comes in (/api/alarm, /api/mode,
// the bridge's Home Assistant commands, the device and user routes): Limits::maxAttempts wrong
// codes within Limits::windowMs lock every attempt for Limits::lockoutMs.
// The rules, decided here once:
// - a failure older than the window is forgotten;
// - while locked, an attempt is answered 429 with Retry-After: retryAfterSeconds(), without its
//   code being checked (the caller asks before checking); a failure or success recorded while
//   locked (a check that was already running) neither extends nor lifts the lock;
// - when the lockout ends the counter starts from zero;
// - a right code clears the failures, as a keypad does: the owner who mistypes twice and then
//   disarms does not carry two strikes into the next day.
// Checks run off the event loop, so a burst of attempts could all be under way before the first
// wrong one is counted; beginCheck() admits only as many checks as there are attempts left.
// A domain class: injected clock, no I/O, no timers; main thread. The routes own one, shared.
class CodeLockout
{
public:
    // Milliseconds; only differences are used. A clock that steps back (NTP at boot on a Pi
    // without a real-time clock) ends a running lockout early rather than stretch it.
    using Clock = std::function<qint64()>;
    struct Limits
    {
        int maxAttempts = 5;                 // CODE_MAX_ATTEMPTS
        qint64 windowMs = 15LL * 60 * 1000;  // the contract's 15 minutes
        qint64 lockoutMs = 300LL * 1000;     // CODE_LOCKOUT
        qint64 checkTimeoutMs = 60LL * 1000; // a check begun and never ended is let go
    };

    CodeLockout(Limits limits, Clock clock);

    Limits limits() const { return m_limits; }

    // While locked: the whole seconds left, rounded up (>= 1), for Retry-After; else nullopt.
    std::optional<qint64> retryAfterSeconds() const;

    // Optional, before a code is checked: false when the check may not start, because the
    // lockout is on or because the checks already under way could use up every attempt left;
    // answer that one 429 with Retry-After: retryAfterSeconds().value_or(1). On true, the check
    // holds one attempt until its recordFailure() or recordSuccess() (or checkTimeoutMs).
    bool beginCheck();

    // A wrong code. Returns true when this failure starts a lockout (the caller logs/audits and
    // notifies code_lockout once); false otherwise, also while already locked.
    bool recordFailure();
    // A right code: the failures so far are cleared (not a lockout that is on).
    void recordSuccess();

private:
    bool lockedAt(qint64 now) const;
    // Forgets what is over at `now`: an ended lockout, failures out of the window, lost checks.
    void expire(qint64 now);
    void endOneCheck();

    Limits m_limits;
    Clock m_clock;
    QList<qint64> m_failures; // when each wrong code within the window came, oldest first
    QList<qint64> m_checks;   // when each check under way began, oldest first
    std::optional<qint64> m_lockedSince;
};

#include "monotonicclock.h"

#include <cstdlib>
#include <optional>
#include <time.h>

qint64 MonotonicClock::nowNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

namespace {

qint64 realtimeNs()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Wall clock minus monotonic clock, read between two monotonic readings and trusted only when
// they are close: a thread preempted between the reads (a busy Pi) would otherwise see the
// clocks milliseconds apart and take that for a step of the wall clock.
std::optional<qint64> sampleOffsetNs()
{
    constexpr qint64 TrustedWindowNs = 50000;
    for (int attempt = 0; attempt < 5; ++attempt) {
        const qint64 before = MonotonicClock::nowNs();
        const qint64 real = realtimeNs();
        const qint64 after = MonotonicClock::nowNs();
        if (after - before < TrustedWindowNs)
            return real - before - (after - before) / 2;
    }
    return std::nullopt;
}

} // namespace

qint64 MonotonicClock::toWallMsecs(qint64 monotonicNs)
{
    // The offset between the two clocks is kept while it holds: sampled anew for every edge, its
    // jitter gave edges a few microseconds apart timestamps out of order. A wall clock that is
    // set or stepped (by more than a millisecond) is followed at once.
    static std::optional<qint64> offsetNs;
    const std::optional<qint64> sampledNs = sampleOffsetNs();
    if (!offsetNs || (sampledNs && std::llabs(*sampledNs - *offsetNs) > 1000000))
        offsetNs = sampledNs ? *sampledNs : realtimeNs() - nowNs();
    return (monotonicNs + *offsetNs) / 1000000;
}

qint64 MonotonicClock::fromKernelNs(qint64 kernelNs)
{
    const qint64 realNs = realtimeNs();
    const qint64 monoNs = nowNs();
    if (std::llabs(realNs - kernelNs) < std::llabs(monoNs - kernelNs))
        return kernelNs - realNs + monoNs;
    return kernelNs;
}

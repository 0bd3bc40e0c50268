#include "monotonicclock.h"

#include <cstdlib>
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

} // namespace

qint64 MonotonicClock::toWallMsecs(qint64 monotonicNs)
{
    // The offset between the two clocks is kept while it holds: sampled anew for every edge, its
    // jitter gave edges a few microseconds apart timestamps out of order. A wall clock that is
    // set or stepped (by more than a millisecond) is followed at once.
    static qint64 offsetNs = 0;
    const qint64 sampledNs = realtimeNs() - nowNs();
    if (std::llabs(sampledNs - offsetNs) > 1000000)
        offsetNs = sampledNs;
    return (monotonicNs + offsetNs) / 1000000;
}

qint64 MonotonicClock::fromKernelNs(qint64 kernelNs)
{
    const qint64 realNs = realtimeNs();
    const qint64 monoNs = nowNs();
    if (std::llabs(realNs - kernelNs) < std::llabs(monoNs - kernelNs))
        return kernelNs - realNs + monoNs;
    return kernelNs;
}

#include "monotonicclock.h"

#include <QDateTime>

#include <cstdlib>
#include <time.h>

qint64 MonotonicClock::nowNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

qint64 MonotonicClock::toWallMsecs(qint64 monotonicNs)
{
    const qint64 ageNs = nowNs() - monotonicNs;
    return QDateTime::currentMSecsSinceEpoch() - ageNs / 1000000;
}

qint64 MonotonicClock::fromKernelNs(qint64 kernelNs)
{
    timespec real{};
    clock_gettime(CLOCK_REALTIME, &real);
    const qint64 realNs = qint64(real.tv_sec) * 1000000000 + real.tv_nsec;
    const qint64 monoNs = nowNs();
    if (std::llabs(realNs - kernelNs) < std::llabs(monoNs - kernelNs))
        return kernelNs - realNs + monoNs;
    return kernelNs;
}

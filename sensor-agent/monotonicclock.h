#pragma once

#include <QtGlobal>

// The clock of the edge timestamps: CLOCK_MONOTONIC in nanoseconds, as the kernel stamps GPIO
// events (Linux 5.7+), so that debounce and press durations survive wall-clock jumps (NTP on a
// Pi that booted without network). Events still carry wall-clock time; toWallMsecs() maps an
// edge's monotonic time onto the wall clock at the moment of the call.
class MonotonicClock
{
public:
    static qint64 nowNs();
    static qint64 toWallMsecs(qint64 monotonicNs);

    // Older kernels (before 5.7) stamp GPIO events with CLOCK_REALTIME: a timestamp that is
    // much nearer the wall clock than the monotonic clock is taken as such and converted.
    static qint64 fromKernelNs(qint64 kernelNs);
};

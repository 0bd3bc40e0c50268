#pragma once

#include <QtGlobal>

// The sizes both ends of the live feed (/ws) agree on: the largest event body the server takes
// (the ceiling of its MAX_BODY) and the largest message it sends, which every client must accept
// (the dashboard's feed parser takes at least this). One place, so neither end can outgrow the
// other.
struct FeedLimits
{
    static constexpr qsizetype MaxEventBodyBytes = qsizetype{64} * 1024 * 1024;
    // An event in its {"kind": "event"} envelope, or a hello of events that fit: the body plus
    // room for the envelope.
    static constexpr qsizetype MaxMessageBytes = MaxEventBodyBytes + qsizetype{1024} * 1024;
};

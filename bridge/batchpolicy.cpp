#include "batchpolicy.h"

#include <algorithm>

BatchPolicy::BatchPolicy(int maxEvents, qint64 maxBytes)
    : m_maxEvents(maxEvents)
    , m_maxBytes(maxBytes)
{}

BatchPolicy::Take BatchPolicy::take(qint64 pending) const
{
    return {pending > 1 ? m_maxEvents : 1, maxBytes()};
}

BatchPolicy::Batch BatchPolicy::shape(qint64 pending, qint64 firstId, qsizetype taken) const
{
    if (taken <= 0)
        return {};
    // A backlog goes in batches, even when only one of its events fits the byte budget; a lone
    // event goes as it is, and so do the events of a refused batch, until the bad one is found.
    const bool asArray = pending > 1 && firstId > m_isolateThroughId;
    return {asArray ? taken : 1, asArray};
}

BatchPolicy::Refusal BatchPolicy::refused(int httpStatus, Batch batch, qint64 bytes, qint64 lastId)
{
    if (batch.asArray && httpStatus == 413 && batch.count > 1) {
        m_bytesLimit = std::max<qint64>(1, bytes / 2);
        return Refusal::ResendSmaller;
    }
    if (batch.asArray) {
        m_isolateThroughId = lastId;
        return Refusal::ResendOneByOne;
    }
    return Refusal::DeadLetter;
}

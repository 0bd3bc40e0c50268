#pragma once

#include <QtGlobal>

// How the outbox is cut into POSTs, oldest first. A lone pending event goes as it is (a JSON
// object); as soon as a backlog exists, the next request is a JSON array of at most maxEvents
// events and maxBytes of bodies. Two refusals change the cut for good:
// - a batch refused as too large (413 with more than one event): the server's MAX_BODY is below
//   BATCH_MAX_BYTES, so the byte budget becomes half of that batch, and stays there (the
//   server's limit does not change while it runs);
// - any other refusal of a batch: its events are re-sent one by one to find the bad one(s).
// A single event refused is for good: it becomes a dead letter.
// A plain value type with no I/O; Forwarder holds one. Any thread.
class BatchPolicy
{
public:
    static constexpr int DefaultMaxEvents = 500;
    static constexpr qint64 DefaultMaxBytes = 512LL * 1024;

    // What to take from the outbox for the next request.
    struct Take
    {
        int maxEvents = 1;
        qint64 maxBytes = 0;
    };

    // What to send of the events taken.
    struct Batch
    {
        qsizetype count = 0;  // the first `count` events taken
        bool asArray = false; // a JSON array (POST of a batch) or the one event's object
    };

    // What a refusal of the request (HTTP 4xx but 401/403/408/429) leads to.
    enum class Refusal {
        ResendSmaller,  // the same events again in smaller batches (maxBytes() went down)
        ResendOneByOne, // the same events again, each alone, to find the bad one(s)
        DeadLetter,     // the one event is refused for good
    };

    explicit BatchPolicy(int maxEvents = DefaultMaxEvents, qint64 maxBytes = DefaultMaxBytes);

    int maxEvents() const { return m_maxEvents; }
    // BATCH_MAX_BYTES, or less once the server refused a batch as too large.
    qint64 maxBytes() const { return m_bytesLimit > 0 ? m_bytesLimit : m_maxBytes; }

    // With `pending` events in the outbox.
    Take take(qint64 pending) const;
    // `taken` events were taken for `pending` ones, the oldest with outbox id `firstId`.
    Batch shape(qint64 pending, qint64 firstId, qsizetype taken) const;
    // The server refused what was sent: `batch` as shape() said, its `count` events of `bytes`
    // bodies, the newest with outbox id `lastId`. Remembers what the refusal taught.
    Refusal refused(int httpStatus, Batch batch, qint64 bytes, qint64 lastId);

private:
    int m_maxEvents;
    qint64 m_maxBytes;
    qint64 m_bytesLimit = 0;       // below m_maxBytes once the server said 413; 0: none
    qint64 m_isolateThroughId = 0; // events up to this id go one by one (a batch was refused)
};

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// How the bridge reads the backend's answer to POST /api/events: what to do with the events
// (deliver, retry, wait for a valid token, refuse for good), the server's own message, the
// Retry-After delay and the per-event rejections of a batch answer. Pure functions; any thread.
class DeliveryResponse
{
public:
    enum class Outcome {
        Delivered,    // 2xx; still to be proven by the body (storageProofError)
        Retry,        // no answer, 3xx, 5xx, 408, 429: keep the events, back off
        Unauthorized, // 401, 403: keep the events, back off, say the token was refused
        Refused,      // any other status: the server will never take this request
    };

    struct Rejection
    {
        int index = 0;
        QString error;
    };

    // `httpStatus` 0 means the request got no HTTP answer (connection error, timeout).
    static Outcome classify(int httpStatus);

    // Retry-After as delta-seconds or an HTTP date, at most `maxMs` however large the value
    // (a header of 30 digits or the year 9999 is a long wait, not an overflow); nullopt when
    // absent or unreadable.
    static std::optional<qint64> retryAfterMs(const QByteArray &header, const QDateTime &now,
                                              qint64 maxMs);

    // Empty when a 2xx answer proves that the server stored what was sent, else why not: one
    // event needs a JSON object with an "id"; a batch of `sent` events needs a 200 whose
    // stored + duplicates + len(rejected) is `sent`. A proxy's or a redirect target's 200 is
    // not a proof, and the events it would have cost stay in the outbox.
    static QString storageProofError(int httpStatus, const QByteArray &body, bool batch,
                                     qsizetype sent);

    // The server's {"error": "..."} message, else the start of the body, else "HTTP <status>".
    static QString serverMessage(const QByteArray &body, int httpStatus);

    // The "rejected" list of a 200 batch answer ({"stored","duplicates","rejected":[...]}).
    static QList<Rejection> batchRejections(const QByteArray &body);
};

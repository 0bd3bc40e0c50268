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
        Delivered,    // 2xx
        Retry,        // no answer, 5xx, 408, 429: keep the events, back off
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

    // Retry-After as delta-seconds or an HTTP date; nullopt when absent or unreadable.
    static std::optional<qint64> retryAfterMs(const QByteArray &header, const QDateTime &now);

    // The server's {"error": "..."} message, else the start of the body, else "HTTP <status>".
    static QString serverMessage(const QByteArray &body, int httpStatus);

    // The "rejected" list of a 200 batch answer ({"stored","duplicates","rejected":[...]}).
    static QList<Rejection> batchRejections(const QByteArray &body);
};

// The backend's answer as the bridge reads it (bridge/deliveryresponse): the input's first byte
// picks the status and the batch size, its first line is a Retry-After header, the rest the body.
#include "deliveryresponse.h"

#include <QByteArray>
#include <QDateTime>
#include <QTimeZone>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const int statuses[] = {0, 200, 201, 204, 301, 307, 400, 401, 413, 429, 500, 502};
    const int status = statuses[data[0] % std::size(statuses)];
    const qsizetype sent = data[0] / std::size(statuses); // 0..21; 1 is a single event
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray retryAfter = newline < 0 ? QByteArray() : input.left(newline);
    const QByteArray body = newline < 0 ? input : input.mid(newline + 1);

    constexpr qint64 MaxMs = 3600 * 1000;
    const QDateTime now(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc());
    const std::optional<qint64> delay = DeliveryResponse::retryAfterMs(retryAfter, now, MaxMs);
    if (delay && (*delay < 0 || *delay > MaxMs))
        __builtin_trap();
    DeliveryResponse::classify(status);
    DeliveryResponse::storageProofError(status, body, sent != 1, sent);
    DeliveryResponse::serverMessage(body, status);
    for (const DeliveryResponse::Rejection &rejection : DeliveryResponse::batchRejections(body))
        Q_UNUSED(rejection.error.size());
    return 0;
}

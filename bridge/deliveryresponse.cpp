#include "deliveryresponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxMessageLength = 300;

} // namespace

DeliveryResponse::Outcome DeliveryResponse::classify(int httpStatus)
{
    if (httpStatus >= 200 && httpStatus < 300)
        return Outcome::Delivered;
    if (httpStatus == 401 || httpStatus == 403)
        return Outcome::Unauthorized;
    if (httpStatus == 0 || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429)
        return Outcome::Retry;
    // 3xx would mean a wrong BACKEND_URL (Qt follows same-origin redirects itself): no retry
    // can fix it, so it is handled like a 4xx and the event is kept as a dead letter.
    return Outcome::Refused;
}

std::optional<qint64> DeliveryResponse::retryAfterMs(const QByteArray &header, const QDateTime &now)
{
    const QByteArray text = header.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(seconds * 1000);
    // HTTP dates are IMF-fixdate ("Wed, 25 Nov 2026 10:00:45 GMT"), always in GMT.
    QDateTime when =
        QLocale::c().toDateTime(QString::fromLatin1(text), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    when.setTimeZone(QTimeZone::utc());
    if (!when.isValid())
        return std::nullopt;
    return qMax<qint64>(0, now.msecsTo(when));
}

QString DeliveryResponse::serverMessage(const QByteArray &body, int httpStatus)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QString error = document.object().value("error"_L1).toString();
    if (!error.isEmpty())
        return error.left(MaxMessageLength);
    const QString text = QString::fromUtf8(body).simplified();
    if (!text.isEmpty())
        return text.left(MaxMessageLength);
    return u"HTTP %1"_s.arg(httpStatus);
}

QList<DeliveryResponse::Rejection> DeliveryResponse::batchRejections(const QByteArray &body)
{
    QList<Rejection> rejections;
    const QJsonArray list = QJsonDocument::fromJson(body).object().value("rejected"_L1).toArray();
    for (const auto &item : list) {
        const QJsonObject object = item.toObject();
        const QJsonValue index = object.value("index"_L1);
        if (!index.isDouble())
            continue;
        rejections.append({index.toInt(), object.value("error"_L1).toString()});
    }
    return rejections;
}

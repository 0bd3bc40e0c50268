#include "deliveryresponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

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
    // A redirect is never followed (Qt would resend a 301/302 POST as a GET and take its 200
    // for a delivery): it is a delivery error like a 5xx, kept and retried, since a proxy in
    // front of the server may stop redirecting and a dead letter would take the event away.
    if (httpStatus == 0 || (httpStatus >= 300 && httpStatus < 400) || httpStatus >= 500 ||
        httpStatus == 408 || httpStatus == 429)
        return Outcome::Retry;
    return Outcome::Refused;
}

std::optional<qint64> DeliveryResponse::retryAfterMs(const QByteArray &header, const QDateTime &now,
                                                     qint64 maxMs)
{
    const QByteArray text = header.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    // delta-seconds is 1*DIGIT of any length: add digit by digit and stop at the cap, so that
    // no value can overflow (toLongLong() * 1000 did for 16 digits and more).
    if (std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; })) {
        qint64 ms = 0;
        for (const char digit : text) {
            ms = ms * 10 + qint64(digit - '0') * 1000;
            if (ms >= maxMs)
                return maxMs;
        }
        return ms;
    }
    // HTTP dates are IMF-fixdate ("Wed, 25 Nov 2026 10:00:45 GMT"), always in GMT.
    QDateTime when =
        QLocale::c().toDateTime(QString::fromLatin1(text), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    when.setTimeZone(QTimeZone::utc());
    if (!when.isValid())
        return std::nullopt;
    return std::clamp<qint64>(now.msecsTo(when), 0, maxMs);
}

QString DeliveryResponse::storageProofError(int httpStatus, const QByteArray &body, bool batch,
                                            qsizetype sent)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonObject answer = document.object();
    if (!batch) {
        if (!document.isObject() || !answer.contains("id"_L1))
            return u"HTTP %1 without the stored event (a JSON object with an \"id\"): %2"_s
                .arg(httpStatus)
                .arg(serverMessage(body, httpStatus));
        return {};
    }
    const QJsonValue stored = answer.value("stored"_L1);
    const QJsonValue duplicates = answer.value("duplicates"_L1);
    const QJsonValue rejected = answer.value("rejected"_L1);
    if (httpStatus != 200 || !stored.isDouble() || !duplicates.isDouble() || !rejected.isArray())
        return u"HTTP %1 is not a batch answer ({\"stored\", \"duplicates\", "
               "\"rejected\"}): %2"_s.arg(httpStatus)
                   .arg(serverMessage(body, httpStatus));
    // toInteger() is -1 for a fraction or a value past 2^53: no sum of those can match.
    const qint64 counted =
        stored.toInteger(-1) + duplicates.toInteger(-1) + rejected.toArray().size();
    if (stored.toInteger(-1) < 0 || duplicates.toInteger(-1) < 0 || counted != sent)
        return u"the batch answer counts %1 events of the %2 sent"_s.arg(counted).arg(sent);
    return {};
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

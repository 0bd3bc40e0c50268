#include "eventidkey.h"

#include <QJsonValue>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// Whole numbers from -2^63 to 2^63 (exclusive) are bound as integers.
constexpr double Int64Bound = 9223372036854775808.0;

} // namespace

QVariant EventIdKey::of(const QJsonObject &details)
{
    const QJsonValue value = details.value("event_id"_L1);
    if (value.isString() && !value.toString().isEmpty())
        return value.toString();
    if (value.isDouble()) {
        // A JSON integer that fits arrives as one; a whole double (5.0) is the same number.
        QVariant number = value.toVariant();
        if (number.typeId() == QMetaType::LongLong)
            return number;
        const double real = value.toDouble();
        if (std::trunc(real) == real && real >= -Int64Bound && real < Int64Bound)
            return qint64(real);
        return real;
    }
    // A blob: of another storage class than any string or number.
    if (value.isBool())
        return value.toBool() ? "true"_ba : "false"_ba;
    return QVariant(QMetaType::fromType<QString>());
}

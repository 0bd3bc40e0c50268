#include "querynumber.h"

std::optional<qint64> QueryNumber::positive(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1)
        return std::nullopt;
    return value;
}

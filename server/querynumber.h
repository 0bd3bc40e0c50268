#pragma once

#include <QString>

#include <optional>

// A whole number from a query string (limit, before_id): 1 and up, 64-bit; nullopt otherwise.
namespace QueryNumber {
std::optional<qint64> positive(const QString &text);
}

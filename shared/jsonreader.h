#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

#include <optional>

// Reads an untrusted JSON object from bytes with size and depth limits, giving one readable
// error line for anything wrong (not JSON, not an object, invalid UTF-8, too large, too deep).
// Duplicate keys: the last one wins (Qt's parser), as in most JSON readers.
class JsonReader
{
public:
    static constexpr qsizetype DefaultMaxBytes = qsizetype{1024} * 1024;
    static constexpr int DefaultMaxDepth = 32;

    struct Limits
    {
        qsizetype maxBytes;
        int maxDepth;
    };
    static constexpr Limits DefaultLimits{DefaultMaxBytes, DefaultMaxDepth};

    static std::optional<QJsonObject> readObject(QByteArrayView bytes, QString *error,
                                                 Limits limits = DefaultLimits);

    // Same checks for a document that may be an object or an array (the server's batch POST).
    static std::optional<QJsonValue> readValue(QByteArrayView bytes, QString *error,
                                               Limits limits = DefaultLimits);

    // Nesting depth of a value: a scalar is 0, {} or [] is 1.
    static int depthOf(const QJsonValue &value);
};

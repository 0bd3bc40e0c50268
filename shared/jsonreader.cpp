#include "jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

QString kindOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString parseErrorText(const QJsonParseError &error)
{
    switch (error.error) {
    case QJsonParseError::IllegalUTF8String:
        return QStringLiteral("not valid UTF-8 (at byte %1)").arg(error.offset);
    case QJsonParseError::DeepNesting:
        return QStringLiteral("nested too deeply");
    case QJsonParseError::DocumentTooLarge:
        return QStringLiteral("document too large");
    case QJsonParseError::IllegalNumber:
        return QStringLiteral("not valid JSON: a number is malformed or out of range at byte %1")
            .arg(error.offset);
    default:
        return QStringLiteral("not valid JSON: %1 at byte %2")
            .arg(error.errorString())
            .arg(error.offset);
    }
}

} // namespace

int JsonReader::depthOf(const QJsonValue &value)
{
    int deepest = 0;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            deepest = std::max(deepest, depthOf(it.value()));
        return deepest + 1;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            deepest = std::max(deepest, depthOf(item));
        return deepest + 1;
    }
    return 0;
}

std::optional<QJsonValue> JsonReader::readValue(QByteArrayView bytes, QString *error, Limits limits)
{
    if (bytes.size() > limits.maxBytes) {
        *error = QStringLiteral("payload of %1 bytes is over the limit of %2 bytes")
                     .arg(bytes.size())
                     .arg(limits.maxBytes);
        return std::nullopt;
    }
    if (bytes.trimmed().isEmpty()) {
        *error = QStringLiteral("empty payload, expected JSON");
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = parseErrorText(parseError);
        return std::nullopt;
    }
    const QJsonValue value =
        document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    if (depthOf(value) > limits.maxDepth) {
        *error = QStringLiteral("nested deeper than %1 levels").arg(limits.maxDepth);
        return std::nullopt;
    }
    return value;
}

std::optional<QJsonObject> JsonReader::readObject(QByteArrayView bytes, QString *error,
                                                  Limits limits)
{
    const std::optional<QJsonValue> value = readValue(bytes, error, limits);
    if (!value)
        return std::nullopt;
    if (!value->isObject()) {
        *error = QStringLiteral("expected a JSON object, got %1").arg(kindOf(*value));
        return std::nullopt;
    }
    return value->toObject();
}

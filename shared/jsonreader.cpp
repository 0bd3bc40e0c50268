#include "jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace {

QString kindOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

QString parseErrorText(const QJsonParseError &error)
{
    switch (error.error) {
    case QJsonParseError::IllegalUTF8String:
        return u"not valid UTF-8 (at byte %1)"_s.arg(error.offset);
    case QJsonParseError::DeepNesting:
        return u"nested too deeply"_s;
    case QJsonParseError::DocumentTooLarge:
        return u"document too large"_s;
    case QJsonParseError::IllegalNumber:
        return u"not valid JSON: a number is malformed or out of range at byte %1"_s.arg(
            error.offset);
    default:
        return u"not valid JSON: %1 at byte %2"_s.arg(error.errorString()).arg(error.offset);
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
        for (const auto &item : array)
            deepest = std::max(deepest, depthOf(item));
        return deepest + 1;
    }
    return 0;
}

std::optional<QJsonValue> JsonReader::readValue(QByteArrayView bytes, QString *error, Limits limits)
{
    if (bytes.size() > limits.maxBytes) {
        *error = u"payload of %1 bytes is over the limit of %2 bytes"_s.arg(bytes.size())
                     .arg(limits.maxBytes);
        return std::nullopt;
    }
    if (bytes.trimmed().isEmpty()) {
        *error = u"empty payload, expected JSON"_s;
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
        *error = u"nested deeper than %1 levels"_s.arg(limits.maxDepth);
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
        *error = u"expected a JSON object, got %1"_s.arg(kindOf(*value));
        return std::nullopt;
    }
    return value->toObject();
}

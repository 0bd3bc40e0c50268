#include "settingcheck.h"

#include <QStringList>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

QString describeAccepted(const SettingSpec &spec)
{
    switch (spec.type) {
    case SettingSpec::Type::Integer:
        return u"a whole number from %1 to %2"_s.arg(spec.minimum).arg(spec.maximum);
    case SettingSpec::Type::Boolean:
    case SettingSpec::Type::Switch:
        return u"true or false (also 1/0, yes/no, on/off)"_s;
    case SettingSpec::Type::Choice:
        return u"one of: "_s + spec.choices.join(u", "_s);
    case SettingSpec::Type::Url:
        return u"an absolute http:// or https:// URL"_s;
    case SettingSpec::Type::Text:
        break;
    }
    return u"text"_s;
}

} // namespace

std::optional<bool> SettingCheck::boolean(const QString &text)
{
    static const QStringList truthy{u"1"_s, u"true"_s, u"yes"_s, u"on"_s};
    static const QStringList falsy{u"0"_s, u"false"_s, u"no"_s, u"off"_s};
    const QString lower = text.trimmed().toLower();
    if (truthy.contains(lower))
        return true;
    if (falsy.contains(lower))
        return false;
    return std::nullopt;
}

QString SettingCheck::problem(const SettingSpec &spec, const QString &value)
{
    switch (spec.type) {
    case SettingSpec::Type::Integer: {
        bool ok = false;
        const qint64 number = value.trimmed().toLongLong(&ok);
        if (!ok || number < spec.minimum || number > spec.maximum)
            return describeAccepted(spec);
        break;
    }
    case SettingSpec::Type::Boolean:
    case SettingSpec::Type::Switch:
        if (!boolean(value))
            return describeAccepted(spec);
        break;
    case SettingSpec::Type::Choice:
        if (!spec.choices.contains(value.trimmed()))
            return describeAccepted(spec);
        break;
    case SettingSpec::Type::Url: {
        const QUrl url(value.trimmed(), QUrl::StrictMode);
        const QString scheme = url.scheme();
        if (!url.isValid() || url.host().isEmpty() || (scheme != u"http"_s && scheme != u"https"_s))
            return describeAccepted(spec);
        break;
    }
    case SettingSpec::Type::Text:
        break;
    }
    if (spec.validate)
        return spec.validate(value);
    return {};
}

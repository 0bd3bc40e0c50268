#include "settings.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr auto EnvFileSetting = "ENV_FILE";

struct RawValue
{
    QString text;
    QString origin;
};

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

std::optional<bool> parseBoolean(const QString &text)
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

// Returns what is accepted when `value` is not valid for `spec`, else an empty string.
QString checkValue(const SettingSpec &spec, const QString &value)
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
        if (!parseBoolean(value))
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

QString shown(const SettingSpec &spec, const QString &value)
{
    return spec.secret ? u"<hidden>"_s : value;
}

// docker-compose .env syntax: KEY=VALUE per line, '#' comments, blank lines, optional
// single or double quotes around the value, an optional leading "export ".
bool readEnvFile(const QString &path, QHash<QString, RawValue> *values, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = u"error: --env-file %1: cannot read it (%2)"_s.arg(path, file.errorString());
        return false;
    }
    static const QRegularExpression keyPattern(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u"export "_s))
            line = line.mid(7).trimmed();
        const qsizetype equals = line.indexOf(u'=');
        const QString key = line.left(equals).trimmed();
        if (equals < 0 || !keyPattern.match(key).hasMatch()) {
            *error = u"error: --env-file %1:%2: expected KEY=VALUE"_s.arg(path).arg(lineNumber);
            return false;
        }
        QString value = line.mid(equals + 1).trimmed();
        const bool quoted = value.size() >= 2 &&
                            (value.front() == u'"' || value.front() == u'\'') &&
                            value.back() == value.front();
        if (quoted)
            value = value.mid(1, value.size() - 2);
        else if (const qsizetype comment = value.indexOf(u" #"_s); comment >= 0)
            value = value.left(comment).trimmed();
        values->insert(key, {value, u"%1:%2"_s.arg(path).arg(lineNumber)});
    }
    return true;
}

QString helpText(const ProgramSpec &program, const QString &optionsHelp)
{
    QString text = u"Usage: %1 [options]\n%2\n\n"_s.arg(program.name, program.description);
    text += optionsHelp.mid(optionsHelp.indexOf(u"Options:"_s));
    text += u"\nEvery setting is read from its flag, else its environment variable, "
            "else --env-file, else its default.\n\nSettings (environment name, "
            "default):\n"_s;
    for (const SettingSpec &spec : program.settings) {
        const QString defaultText =
            spec.defaultValue.isEmpty() ? u"(unset)"_s : shown(spec, spec.defaultValue);
        text += u"  %1 = %2\n"_s.arg(spec.name.leftJustified(20), defaultText);
    }
    return text;
}

} // namespace

QString Settings::flagName(const SettingSpec &spec)
{
    return spec.flag.isEmpty() ? spec.name.toLower().replace(u'_', u'-') : spec.flag;
}

Settings::LoadResult Settings::load(const ProgramSpec &program, const QStringList &arguments,
                                    const QProcessEnvironment &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(program.description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption envFileOption(u"env-file"_s, u"Read KEY=VALUE settings from a file."_s,
                                           u"path"_s);
    parser.addOption(envFileOption);
    QList<QCommandLineOption> options;
    for (const SettingSpec &spec : program.settings) {
        QString help = spec.help + u" ["_s + spec.name + u']';
        QCommandLineOption option = spec.type == SettingSpec::Type::Switch
                                        ? QCommandLineOption(flagName(spec), help)
                                        : QCommandLineOption(flagName(spec), help, u"value"_s);
        options.append(option);
        parser.addOption(option);
    }

    LoadResult result;
    if (!parser.parse(arguments)) {
        result.exitCode = 2;
        result.output = u"error: "_s + parser.errorText() + u" (see --help)"_s;
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.output = helpText(program, parser.helpText());
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.output = program.name + u' ' + QStringLiteral(VIGIL_VERSION);
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.exitCode = 2;
        result.output = u"error: unexpected argument '%1' (see --help)"_s.arg(
            parser.positionalArguments().constFirst());
        return result;
    }

    QHash<QString, RawValue> fromFile;
    const QString envFile = parser.isSet(envFileOption)
                                ? parser.value(envFileOption)
                                : environment.value(QLatin1String(EnvFileSetting));
    if (!envFile.isEmpty() && !readEnvFile(envFile, &fromFile, &result.output)) {
        result.exitCode = 2;
        return result;
    }

    Settings settings;
    for (qsizetype i = 0; i < program.settings.size(); ++i) {
        const SettingSpec &spec = program.settings.at(i);
        RawValue raw{spec.defaultValue, u"default"_s};
        if (fromFile.contains(spec.name))
            raw = fromFile.value(spec.name);
        if (environment.contains(spec.name))
            raw = {environment.value(spec.name), u"environment"_s};
        if (parser.isSet(options.at(i))) {
            const QString value = spec.type == SettingSpec::Type::Switch
                                      ? u"true"_s
                                      : parser.values(options.at(i)).constLast();
            raw = {value, u"flag --"_s + flagName(spec)};
        }
        const bool empty = raw.text.trimmed().isEmpty();
        if (!empty) {
            const QString accepted = checkValue(spec, raw.text);
            if (!accepted.isEmpty()) {
                result.exitCode = 2;
                result.output = u"error: %1=%2 (from %3): expected %4"_s.arg(
                    spec.name, shown(spec, raw.text), raw.origin, accepted);
                return result;
            }
        }
        settings.m_values.insert(spec.name, {raw.text.trimmed(), raw.origin, spec.secret});
    }
    result.settings = std::move(settings);
    return result;
}

int Settings::LoadResult::report() const
{
    std::FILE *stream = exitCode == 0 ? stdout : stderr;
    std::fprintf(stream, "%s\n", output.toLocal8Bit().constData());
    std::fflush(stream);
    return exitCode;
}

QString Settings::text(const QString &name) const
{
    Q_ASSERT_X(m_values.contains(name), "Settings::text", "setting not in the program's table");
    return m_values.value(name).text;
}

qint64 Settings::integer(const QString &name) const
{
    return text(name).toLongLong();
}

bool Settings::boolean(const QString &name) const
{
    return parseBoolean(text(name)).value_or(false);
}

QUrl Settings::url(const QString &name) const
{
    return QUrl(text(name), QUrl::StrictMode);
}

QStringList Settings::list(const QString &name) const
{
    QStringList items = text(name).split(u',', Qt::SkipEmptyParts);
    for (QString &item : items)
        item = item.trimmed();
    items.removeAll(QString());
    return items;
}

bool Settings::isSet(const QString &name) const
{
    return !text(name).isEmpty();
}

QString Settings::origin(const QString &name) const
{
    return m_values.value(name).origin;
}

QString Settings::errorLine(const QString &name, const QString &problem) const
{
    const Value value = m_values.value(name);
    return u"error: %1=%2 (from %3): %4"_s.arg(name, value.secret ? u"<hidden>"_s : value.text,
                                               value.origin, problem);
}

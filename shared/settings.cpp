#include "settings.h"

#include "envfile.h"
#include "secretfile.h"
#include "settingcheck.h"

#include <QCommandLineParser>
#include <QLoggingCategory>

#include <cstdio>

Q_LOGGING_CATEGORY(lcSettings, "vigil.settings")

using namespace Qt::StringLiterals;

namespace {

constexpr auto EnvFileSetting = "ENV_FILE";

using RawValue = EnvFile::Entry;

// Where a setting's raw value comes from, highest precedence first: its flag, the environment,
// the env file. The same lookup serves a secret's NAME_FILE.
struct Sources
{
    const QCommandLineParser &parser;
    const QProcessEnvironment &environment;
    const QHash<QString, RawValue> &envFile;

    std::optional<RawValue> find(const QString &name, const QCommandLineOption &option,
                                 bool isSwitch) const
    {
        if (parser.isSet(option))
            return RawValue{isSwitch ? u"true"_s : parser.values(option).constLast(),
                            u"flag --"_s + option.names().constFirst()};
        if (environment.contains(name))
            return RawValue{environment.value(name), u"environment"_s};
        if (envFile.contains(name))
            return envFile.value(name);
        return std::nullopt;
    }
};

QString fileSettingName(const SettingSpec &spec)
{
    return spec.name + u"_FILE"_s;
}

QString shown(const SettingSpec &spec, const QString &value)
{
    return spec.secret ? u"<hidden>"_s : value;
}

// A secret's value from NAME_FILE when that is set (*raw is then the file's content), else a
// warning when it came as a flag. False with the one error line when the file cannot be read or
// NAME is set too (which of the two was meant is anybody's guess).
bool readSecret(const SettingSpec &spec, const Sources &sources,
                const QCommandLineOption &fileOption, RawValue *raw, QStringList *warnings,
                QString *error)
{
    const QString fileName = fileSettingName(spec);
    const std::optional<RawValue> file = sources.find(fileName, fileOption, false);
    const bool valueGiven = raw->origin != u"default"_s && !raw->text.trimmed().isEmpty();
    if (!file || file->text.trimmed().isEmpty()) {
        if (valueGiven && raw->origin.startsWith(u"flag "_s))
            warnings->append(
                u"%1 was given as a %2: every local user can read it in the process "
                "list (ps, /proc/PID/cmdline); put it in a file readable only by "
                "this service and pass %3 instead"_s.arg(spec.name, raw->origin, fileName));
        return true;
    }
    const QString path = file->text.trimmed();
    if (valueGiven) {
        *error = u"error: %1 (from %2) and %3 (from %4) are both set: set only one"_s.arg(
            spec.name, raw->origin, fileName, file->origin);
        return false;
    }
    QString problem;
    const std::optional<QString> secret = SecretFile::read(path, &problem);
    if (!secret) {
        *error = u"error: %1=%2 (from %3): %4"_s.arg(fileName, path, file->origin, problem);
        return false;
    }
    *raw = {*secret, u"file "_s + path};
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
        if (spec.secret)
            text += u"  %1 = (unset)\n"_s.arg(fileSettingName(spec).leftJustified(20));
    }
    text += u"\nA secret NAME can instead be read from a file: NAME_FILE (or --name-file) names "
            "it, as docker-compose secrets and systemd credentials do; its content is the value "
            "(one trailing newline dropped). A secret given as a flag shows in the process list "
            "of every local user.\n"_s;
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
    QHash<QString, QCommandLineOption> fileOptions; // a secret's name -> its --name-file
    for (const SettingSpec &spec : program.settings) {
        QString help = spec.help + u" ["_s + spec.name + u']';
        QCommandLineOption option = spec.type == SettingSpec::Type::Switch
                                        ? QCommandLineOption(flagName(spec), help)
                                        : QCommandLineOption(flagName(spec), help, u"value"_s);
        options.append(option);
        parser.addOption(option);
        if (spec.secret) {
            const QCommandLineOption fileOption(
                flagName(spec) + u"-file"_s,
                u"File holding %1, kept off the process list [%2]"_s.arg(spec.name,
                                                                         fileSettingName(spec)),
                u"path"_s);
            fileOptions.insert(spec.name, fileOption);
            parser.addOption(fileOption);
        }
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
    if (!envFile.isEmpty() && !EnvFile::read(envFile, &fromFile, &result.output)) {
        result.exitCode = 2;
        return result;
    }

    const Sources sources{parser, environment, fromFile};
    Settings settings;
    for (qsizetype i = 0; i < program.settings.size(); ++i) {
        const SettingSpec &spec = program.settings.at(i);
        RawValue raw =
            sources.find(spec.name, options.at(i), spec.type == SettingSpec::Type::Switch)
                .value_or(RawValue{spec.defaultValue, u"default"_s});
        if (spec.secret && !readSecret(spec, sources, fileOptions.find(spec.name).value(), &raw,
                                       &settings.m_warnings, &result.output)) {
            result.exitCode = 2;
            return result;
        }
        const bool empty = raw.text.trimmed().isEmpty();
        if (!empty) {
            const QString accepted = SettingCheck::problem(spec, raw.text);
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
    return SettingCheck::boolean(text(name)).value_or(false);
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

void Settings::logWarnings() const
{
    for (const QString &warning : m_warnings)
        qCWarning(lcSettings).noquote() << warning;
}

QString Settings::errorLine(const QString &name, const QString &problem) const
{
    const Value value = m_values.value(name);
    return u"error: %1=%2 (from %3): %4"_s.arg(name, value.secret ? u"<hidden>"_s : value.text,
                                               value.origin, problem);
}

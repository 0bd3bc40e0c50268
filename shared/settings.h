#pragma once

#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

// One row of a program's settings table. Every setting FOO_BAR is read, in this order of
// precedence, from the flag --foo-bar VALUE, the environment variable FOO_BAR, the file given by
// --env-file, and finally `defaultValue`. A secret (`secret`) can instead come from a file named
// by NAME_FILE (--name-file, the environment or --env-file): the docker-compose secrets and
// systemd credentials convention, which keeps it off the process list. Every member has a default,
// so a table row names only what it needs: {.name = u"MQTT_PORT"_s, .type = Type::Integer,
// .defaultValue = u"1883"_s, ...}.
struct SettingSpec
{
    enum class Type {
        Text,    // any string
        Integer, // whole number within [minimum, maximum]
        Boolean, // true/false, 1/0, yes/no, on/off
        Choice,  // one of `choices`
        Url,     // absolute http(s):// URL
        Switch,  // a boolean whose flag takes no value (--fullscreen)
    };

    QString name{}; // environment name, e.g. "MQTT_PORT"
    Type type = Type::Text;
    QString defaultValue{}; // as text; empty means "not set"
    QString help{};
    qint64 minimum = 0;
    qint64 maximum = 0;
    QStringList choices{};
    bool secret = false; // the value is never printed (errors say "<hidden>")
    QString flag{};      // overrides the derived flag name ("server" for VIGIL_SERVER)
    // Extra check after the type check: returns what is accepted when `value` is not, else "".
    std::function<QString(const QString &value)> validate{};
};

struct ProgramSpec
{
    QString name{};        // "vigil-bridge"
    QString description{}; // one line for --help
    QList<SettingSpec> settings{};
};

// The loaded settings of one program: typed accessors over the validated values.
// A plain value; any thread.
//
// Every program has the same shape: a settings class declares the table (`program()`) and reads
// the loaded values into a plain config struct (`load()`), and main() gets that struct from
// loadConfig() in one call.
class Settings
{
public:
    struct LoadResult;
    template <typename Config> struct Loaded;
    // Reads a program's typed config from its loaded settings; on a problem that involves more
    // than one value returns nullopt with the one error line (errorLine()) in *error.
    template <typename Config>
    using ConfigReader = std::optional<Config> (*)(const Settings &settings, QString *error);

    // `arguments` includes the program name first, like QCoreApplication::arguments().
    static LoadResult load(const ProgramSpec &program, const QStringList &arguments,
                           const QProcessEnvironment &environment);

    // load(), then `read`: the config to run with, or what to print and the exit code (2 when
    // `read` refuses the values). main() returns report() when there is no config.
    template <typename Config>
    static Loaded<Config>
    loadConfig(const ProgramSpec &program, const QStringList &arguments, ConfigReader<Config> read,
               const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    QString text(const QString &name) const;
    qint64 integer(const QString &name) const;
    bool boolean(const QString &name) const;
    QUrl url(const QString &name) const;
    QStringList list(const QString &name) const; // comma-separated, trimmed, empties dropped
    bool isSet(const QString &name) const;       // has a non-empty value from anywhere
    QString origin(const QString &name) const; // "default", "flag --x", "environment", "FILE:LINE"

    // The error line for a cross-setting problem found by the program itself, in the same form
    // as the loader's own: "error: NAME=VALUE (from ORIGIN): PROBLEM".
    QString errorLine(const QString &name, const QString &problem) const;

    static QString flagName(const SettingSpec &spec);

    // What the loader found risky but allowed (a secret given as a flag), one line each, never a
    // secret's value.
    QStringList warnings() const { return m_warnings; }
    // Logs warnings() (category vigil.settings): main() calls it once the log is set up.
    void logWarnings() const;

private:
    struct Value
    {
        QString text;
        QString origin;
        bool secret = false;
    };
    QHash<QString, Value> m_values;
    QStringList m_warnings;
};

struct Settings::LoadResult
{
    std::optional<Settings> settings; // set when the program should run
    int exitCode = 0;                 // else 0 after --help/--version, 2 after a bad setting
    QString output;                   // what to print: help/version (stdout) or error (stderr)

    // Prints `output`, on stdout when exitCode is 0 (help, version) else on stderr, and returns
    // exitCode: what main() returns when the program does not run.
    int report() const;
};

template <typename Config> struct Settings::Loaded : Settings::LoadResult
{
    // Set when the program should run. `settings` stays beside it for the error lines of
    // problems found later (a file that cannot be opened names the setting and its origin).
    std::optional<Config> config;
};

template <typename Config>
Settings::Loaded<Config>
Settings::loadConfig(const ProgramSpec &program, const QStringList &arguments,
                     ConfigReader<Config> read, const QProcessEnvironment &environment)
{
    Loaded<Config> loaded;
    static_cast<LoadResult &>(loaded) = load(program, arguments, environment);
    if (!loaded.settings)
        return loaded;
    QString error;
    loaded.config = read(*loaded.settings, &error);
    if (!loaded.config) {
        loaded.exitCode = 2;
        loaded.output = error;
    }
    return loaded;
}

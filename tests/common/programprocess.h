#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

struct ProgramRunOptions
{
    QString workingDirectory{};
    QProcessEnvironment env{}; // added to the cleaned inherited environment
    QByteArray input{};        // written to standard input, which is then closed
    int timeoutMs = 60000;
};

// The one way the tests run a program: a built Vigil program (VIGIL_BIN_DIR/<name>) or any
// absolute path. The inherited environment is cleaned of every Vigil setting so a developer's
// shell never changes what a test runs; the test adds its own with setEnv(). Readiness is a real
// signal the program gives (waitForLog(), waitForHttp()), never a sleep. The child gets
// PR_SET_PDEATHSIG(SIGKILL): a crashed test or a ctest timeout leaves nothing running.
// Standard error (the log) and standard output are collected; the destructor kills the program
// and, when the current test failed, prints its log. Test (GUI) thread only: the parent-death
// signal follows the thread that started the child.
class ProgramProcess
{
public:
    static constexpr int DeadlineMs = 15000;

    explicit ProgramProcess(QString program, QStringList arguments = {},
                            const QProcessEnvironment &env = {});
    virtual ~ProgramProcess();

    ProgramProcess(const ProgramProcess &) = delete;
    ProgramProcess &operator=(const ProgramProcess &) = delete;

    // Makes any QProcess's child die with the test (mosquitto, mosquitto_sub, helpers), with
    // SIGINT at its default as from a terminal (an ignored signal stays ignored across exec).
    static void dieWithParent(QProcess &process);
    // A short tool (openssl, sqlite3, mosquitto_pub) run to its end as a ProgramProcess: the exit
    // code (-1 after a crash or the deadline), and in *output what it wrote on both channels.
    using RunOptions = ProgramRunOptions;
    static int run(const QString &program, const QStringList &arguments, QString *output = nullptr,
                   const RunOptions &options = {});
    // Every setting name a Vigil program reads (shared table, agent, bridge, server).
    static const QStringList &settingNames();

    void setArguments(QStringList arguments) { m_arguments = std::move(arguments); }
    QStringList arguments() const { return m_arguments; }
    void setEnv(const QString &name, const QString &value) { m_env.insert(name, value); }
    void setEnv(const QProcessEnvironment &env);
    // Starts from nothing but a UTF-8 locale instead of the cleaned inherited environment.
    void setEmptyEnvironment() { m_inherit = false; }
    // Standard output into log() too (a script that reports on stdout).
    void mergeChannels() { m_merged = true; }
    void setWorkingDirectory(const QString &dir) { m_workingDirectory = dir; }

    // Returns once the program runs (exec'd), or false with *error.
    bool start(QString *error = nullptr);
    // Through the event loop until the log contains `text`; false if the program ended first.
    bool waitForLog(const QString &text, int timeoutMs = DeadlineMs);
    // Until GET `url` answers 200 (self-signed TLS accepted); false with *error.
    bool waitForHttp(const QUrl &url, QString *error = nullptr, int timeoutMs = DeadlineMs);

    // SIGTERM, then the exit (SIGKILL after the deadline); the exit code, -1 after a crash.
    int stop(int timeoutMs = DeadlineMs);
    void kill(); // SIGKILL, and the exit
    void signal(int number);
    // Until it ended on its own: the exit code, -1 after a crash or the deadline.
    int waitForExit(int timeoutMs = DeadlineMs);
    // Until it ended on its own, however: false after the deadline.
    bool waitUntilEnded(int timeoutMs = DeadlineMs);

    bool isRunning() const;
    int exitCode() const;
    QProcess::ExitStatus exitStatus() const;
    qint64 processId() const;
    QString program() const { return m_program; }

    void write(const QByteArray &data); // to standard input (SIMULATE=stdin edges)
    void writeLine(const QByteArray &line) { write(line + '\n'); }
    void closeInput();

    QString log() const; // standard error so far
    QByteArray errorOutput() const;
    QByteArray standardOutput() const;

private:
    QString m_program;
    QStringList m_arguments;
    QProcessEnvironment m_env;
    bool m_inherit = true;
    bool m_merged = false;
    QString m_workingDirectory;
    std::unique_ptr<QProcess> m_process;
    mutable QByteArray m_stderr;
    mutable QByteArray m_stdout;
};

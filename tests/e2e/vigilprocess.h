#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

// Runs one built Vigil program (VIGIL_BIN_DIR/<name>: vigil-bridge, vigil-agent) for an
// end-to-end test. The inherited environment is cleaned of every Vigil setting, so a developer's
// shell never changes what a test runs; the test passes its settings as flags (or `env`).
// Standard error (the program's log) is collected for assertions and for failure messages.
// Standard input stays open for SIMULATE=stdin. Owns the process; the destructor stops it.
// Test (GUI) thread only.
class VigilProcess
{
public:
    VigilProcess(QString program, QStringList arguments, QProcessEnvironment env = {});
    ~VigilProcess();

    VigilProcess(const VigilProcess &) = delete;
    VigilProcess &operator=(const VigilProcess &) = delete;

    bool start(QString *error = nullptr);
    // SIGTERM, then waits (10 s) for the exit; returns the exit code, -1 after a crash or kill.
    int stop();
    bool isRunning() const;

    // A line on the program's standard input ("1"/"0" edges for SIMULATE=stdin).
    void writeLine(const QByteArray &line);
    void closeInput();

    // Waits (processing events) until the log contains `text`, or `timeoutMs`.
    bool waitForLog(const QString &text, int timeoutMs = 10000);
    QString log() const;

    // The exit code once it has ended on its own (-1 while running or after a crash).
    int waitForExit(int timeoutMs = 10000);

private:
    QString m_program;
    QStringList m_arguments;
    QProcessEnvironment m_env;
    std::unique_ptr<QProcess> m_process;
    mutable QByteArray m_log;
};

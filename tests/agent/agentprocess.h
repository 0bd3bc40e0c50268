#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>

class MosquittoBroker;

// The real vigil-agent binary in SIMULATE=stdin mode, pointed at a test broker: the test writes
// "1"/"0" lines to its standard input. Collects stderr for failure messages. Kills the process
// in the destructor if the test did not end it. Test thread only.
class AgentProcess
{
public:
    explicit AgentProcess(const MosquittoBroker &broker);
    ~AgentProcess();

    void setEnv(const QString &name, const QString &value) { m_environment.insert(name, value); }
    bool start();

    void write(const QByteArray &lines);
    void closeInput() { m_process.closeWriteChannel(); }
    void terminate() { m_process.terminate(); }
    void kill() { m_process.kill(); }

    bool waitForExit(int timeoutMs = 15000); // through the event loop (QSignalSpy)
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    QString stderrText();

private:
    QProcess m_process;
    QProcessEnvironment m_environment;
    QByteArray m_stderr;
};

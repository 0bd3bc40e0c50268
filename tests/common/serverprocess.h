#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// Runs the real built `vigil-server` (VIGIL_BIN_DIR "/vigil-server") for a test: a free loopback
// port, a temporary DATABASE in its own QTemporaryDir unless --database is given, and start()
// returns once GET /api/health answers 200 (deadline 10 s). The inherited environment is cleaned
// of the server's own settings so a developer's shell cannot leak into a test; `env` adds to it.
// Owns the process; the destructor kills it if it is still running. Test (GUI) thread only.
class ServerProcess
{
public:
    explicit ServerProcess(QStringList extraArgs = {}, QProcessEnvironment env = {});
    ~ServerProcess();

    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    bool start(QString *error = nullptr);
    void stop();                            // SIGTERM, then waits for the exit
    void kill();                            // SIGKILL
    bool restart(QString *error = nullptr); // same port and database

    quint16 port() const { return m_port; }
    QUrl url() const; // http(s)://127.0.0.1:PORT
    QString databasePath() const { return m_databasePath; }
    QByteArray output() const; // everything the server wrote on stderr

    // After stop()/kill(): how the process ended.
    int exitCode() const;
    QProcess::ExitStatus exitStatus() const;

private:
    bool waitUntilHealthy(QString *error);
    bool usesTls() const;

    QStringList m_extraArgs;
    QProcessEnvironment m_env;
    QTemporaryDir m_dir;
    QString m_databasePath;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_process;
    mutable QByteArray m_output;
};

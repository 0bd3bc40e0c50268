#pragma once

#include "programprocess.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

// The built vigil-server as a ProgramProcess with what every server test needs: a free loopback
// port, a temporary DATABASE in its own QTemporaryDir unless --database is given, and start()
// returns once GET /api/health answers 200. `env` adds to the cleaned environment. Test (GUI)
// thread only.
class ServerProcess : public ProgramProcess
{
public:
    explicit ServerProcess(QStringList extraArgs = {}, QProcessEnvironment env = {});

    bool start(QString *error = nullptr);
    bool restart(QString *error = nullptr); // SIGTERM, then the same port and database

    quint16 port() const { return m_port; }
    QUrl url() const; // http(s)://127.0.0.1:PORT
    QString databasePath() const { return m_databasePath; }
    QByteArray output() const { return errorOutput(); }

private:
    QStringList m_extraArgs;
    bool m_tls = false;
    QTemporaryDir m_dir;
    QString m_databasePath;
    quint16 m_port = 0;
};

#pragma once

#include <QString>
#include <QUrl>

#include <memory>

class Bridge;
class MosquittoBroker;
class ProgramProcess;

// The two ways the bridge tests run a bridge from `broker` to `backend`, written once: in-process
// (a Bridge, started and subscribed) or the built vigil-bridge (a ProgramProcess, not started).
class BridgeStarter
{
public:
    // Null (and *error) unless it started and subscribed within 10 s.
    static std::unique_ptr<Bridge> inProcess(const MosquittoBroker &broker, const QUrl &backend,
                                             const QString &clientId, const QString &outboxPath,
                                             QString *error);
    // The binary with its settings in the environment, LOG_LEVEL=warning.
    static std::unique_ptr<ProgramProcess> program(const MosquittoBroker &broker,
                                                   const QUrl &backend, const QString &clientId,
                                                   const QString &outboxPath);
};

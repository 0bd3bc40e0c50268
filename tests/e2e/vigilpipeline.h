#pragma once

#include "httptestclient.h"
#include "mosquittobroker.h"
#include "programprocess.h"
#include "serverprocess.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// The whole system of the guide on loopback, from real parts: Debian's mosquitto (the
// MosquittoBroker fixture), the built vigil-server (ServerProcess), vigil-bridge and any number
// of vigil-agent with SIMULATE=stdin (ProgramProcess). Each part can be stopped and started again
// on the same port, database, outbox and MQTT session, as the guide's resilience test needs.
// Owns every process and temp file; the destructor stops them. Test (GUI) thread only.
class VigilPipeline
{
public:
    struct Options
    {
        MosquittoBroker::Options broker;
        QStringList serverArguments;
        QProcessEnvironment serverEnvironment;
        QString bridgeToken;   // BACKEND_TOKEN
        QString clientToken;   // what api() sends (one of the server's API_TOKENS)
        QString backendCaFile; // BACKEND_CAFILE, also trusted by api(), for a TLS server
    };

    static inline const QString BridgeClientId = QStringLiteral("vigil-bridge-e2e");

    explicit VigilPipeline(Options options = {});

    // Broker, then server, then bridge; returns once the bridge's subscription is in place.
    bool start(QString *error);

    bool startBridge(QString *error, const QString &token);
    bool startBridge(QString *error) { return startBridge(error, m_options.bridgeToken); }
    int stopBridge(); // exit code

    // An agent with SIMULATE=stdin on this broker; returns once its SENSOR_ONLINE reached the
    // server, i.e. once the whole path agent -> broker -> bridge -> server is proven live.
    std::unique_ptr<ProgramProcess> startAgent(const QString &kind, const QString &deviceId,
                                               QString *error);

    MosquittoBroker &broker() { return m_broker; }
    ServerProcess &server() { return *m_server; }
    ProgramProcess &bridge() { return *m_bridge; }
    HttpTestClient &api() { return *m_api; }

    // The broker's log, for failure messages (the programs print their own).
    QString diagnostics() const;

private:
    QStringList mqttArguments() const;

    Options m_options;
    QTemporaryDir m_dir;
    MosquittoBroker m_broker;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ProgramProcess> m_bridge;
    std::unique_ptr<HttpTestClient> m_api;
};

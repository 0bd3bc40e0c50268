#pragma once

#include "agentsettings.h"
#include "debouncer.h"
#include "sensorlogic.h"

#include <QObject>

class EdgeSource;
class MqttClient;
class SensorPublisher;
class QTimer;

// One sensor, wired end to end: edge source -> Debouncer -> SensorLogic -> SensorPublisher.
// Owns the source and the publisher (children); uses the MqttClient it is given (same thread).
// finished() once the agent has stopped (stop() or the end of simulated input) and everything
// it could deliver is delivered.
class SensorAgent : public QObject
{
    Q_OBJECT
public:
    SensorAgent(const AgentConfig &config, MqttClient *client, QObject *parent = nullptr);

    // Opens the input and connects to the broker. False with errorSetting()/errorString() when
    // the input cannot be opened (a missing chip, a busy line...).
    bool start();
    void stop();

    QString errorSetting() const { return m_errorSetting; }
    QString errorString() const { return m_errorString; }
    int exitCode() const { return m_exitCode; } // for the process, once finished()

    // How long stop() waits for the broker to acknowledge what is still queued.
    static constexpr int ShutdownTimeoutMs = 5000;

Q_SIGNALS:
    void finished();

private:
    void onEdge(bool active, qint64 timestampNs);
    void settle();
    void act(const Debouncer::Edge &edge);
    void armSettleTimer();

    AgentConfig m_config;
    MqttClient *m_client;
    EdgeSource *m_source = nullptr;
    SensorPublisher *m_publisher = nullptr;
    Debouncer m_debouncer;
    SensorLogic m_logic;
    QTimer *m_settleTimer = nullptr;
    QString m_errorSetting;
    QString m_errorString;
    bool m_stopping = false;
    int m_exitCode = 0;
};

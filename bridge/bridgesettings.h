#pragma once

#include "eventconverter.h"
#include "forwarder.h"
#include "mqttsettings.h"
#include "outbox.h"
#include "settings.h"

#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QSysInfo>
#include <QUrl>

#include <optional>

// Everything vigil-bridge runs with, as its settings give it; the defaults here are the
// settings table's. A plain value.
struct BridgeConfig
{
    MqttConfig mqtt;
    // Stable, so the broker keeps the persistent session's messages while the bridge is down.
    QString clientId = QStringLiteral("vigil-bridge-") + QSysInfo::machineHostName();
    QStringList topicFilters{QStringLiteral("sensor/#")};
    QString outboxPath = QStringLiteral("vigil-bridge-outbox.db");
    Outbox::Sync outboxSync = Outbox::Sync::Normal;
    qint64 outboxMaxEvents = Outbox::DefaultMaxEvents;
    QString typeMap = EventConverter::DefaultTypeMap; // on top of EventConverter's default
    QString defaultDeviceId = QStringLiteral("unknown");
    qint64 maxPayload = EventConverter::DefaultMaxPayload;
    Forwarder::Options forwarder{.backendUrl = QUrl(QStringLiteral("http://localhost:8000")),
                                 .token = {},
                                 .extraCaCertificates = {}};
    QString bridgeId; // BRIDGE_ID; empty: clientId (the server's name for this house)
    int heartbeatIntervalMs = 30000; // HEARTBEAT_INTERVAL
    QString logLevel;
    bool printStatus = false; // --status: print the outbox's state and exit
};

// vigil-bridge's settings table (names, help, bounds; the defaults are BridgeConfig's) and the
// checks that need more than one value or a file. The names are the contract's; see the
// README's settings table.
class BridgeSettings
{
public:
    static inline const QString ClientId = QStringLiteral("MQTT_CLIENT_ID");
    static inline const QString Topics = QStringLiteral("MQTT_TOPICS");
    static inline const QString BackendUrl = QStringLiteral("BACKEND_URL");
    static inline const QString BackendToken = QStringLiteral("BACKEND_TOKEN");
    static inline const QString BackendCaFile = QStringLiteral("BACKEND_CAFILE");
    static inline const QString OutboxPath = QStringLiteral("OUTBOX");
    static inline const QString OutboxSync = QStringLiteral("OUTBOX_SYNC");
    static inline const QString OutboxMaxEvents = QStringLiteral("OUTBOX_MAX_EVENTS");
    static inline const QString TypeMap = QStringLiteral("TYPE_MAP");
    static inline const QString DeviceId = QStringLiteral("DEVICE_ID");
    static inline const QString MaxPayload = QStringLiteral("MAX_PAYLOAD");
    static inline const QString BatchMaxBytes = QStringLiteral("BATCH_MAX_BYTES");
    static inline const QString BatchMaxEvents = QStringLiteral("BATCH_MAX_EVENTS");
    static inline const QString Status = QStringLiteral("BRIDGE_STATUS");
    static inline const QString BridgeId = QStringLiteral("BRIDGE_ID");
    static inline const QString HeartbeatInterval = QStringLiteral("HEARTBEAT_INTERVAL");

    static ProgramSpec program();

    // The config of the loaded table, or nullopt with the one error line in *error.
    static std::optional<BridgeConfig> load(const Settings &settings, QString *error);

    // The certificates of BACKEND_CAFILE; empty with *error set when the file has none.
    static QList<QSslCertificate> caCertificates(const QString &path, QString *error);

    // Returns "" when `filter` is a valid MQTT subscription filter, else what is wrong.
    static QString topicFilterProblem(const QString &filter);
};

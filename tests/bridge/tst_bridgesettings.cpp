#include "bridgesettings.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Settings::LoadResult load(const QStringList &flags, const QHash<QString, QString> &env = {})
{
    QProcessEnvironment environment;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        environment.insert(it.key(), it.value());
    return Settings::load(BridgeSettings::program(), QStringList{u"vigil-bridge"_s} + flags,
                          environment);
}

} // namespace

class tst_BridgeSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheContracts()
    {
        const Settings::LoadResult result = load({});
        QVERIFY2(result.settings, qPrintable(result.output));
        const Settings &settings = *result.settings;
        QCOMPARE(settings.text(u"MQTT_TOPICS"_s), u"sensor/#"_s);
        QCOMPARE(settings.text(u"BACKEND_URL"_s), u"http://localhost:8000"_s);
        QCOMPARE(settings.text(u"OUTBOX"_s), u"vigil-bridge-outbox.db"_s);
        QCOMPARE(settings.text(u"DEVICE_ID"_s), u"unknown"_s);
        QCOMPARE(settings.integer(u"MAX_PAYLOAD"_s), 65536);
        QCOMPARE(settings.integer(u"BATCH_MAX_BYTES"_s), 524288);
        QCOMPARE(settings.integer(u"OUTBOX_MAX_EVENTS"_s), 1000000);
        QVERIFY(settings.text(u"MQTT_CLIENT_ID"_s).startsWith(u"vigil-bridge-"_s));
        QVERIFY(!settings.boolean(u"BRIDGE_STATUS"_s));
    }

    void loadGivesTheDefaultConfig()
    {
        // The table's defaults are BridgeConfig's: loading nothing gives BridgeConfig{}.
        const Settings::LoadResult result = load({});
        QVERIFY2(result.settings, qPrintable(result.output));
        QString error;
        const std::optional<BridgeConfig> config = BridgeSettings::load(*result.settings, &error);
        QVERIFY2(config, qPrintable(error));
        const BridgeConfig defaults;
        QCOMPARE(config->mqtt.broker, defaults.mqtt.broker);
        QCOMPARE(config->mqtt.port, defaults.mqtt.port);
        QCOMPARE(config->clientId, defaults.clientId);
        QCOMPARE(config->topicFilters, defaults.topicFilters);
        QCOMPARE(config->outboxPath, defaults.outboxPath);
        QCOMPARE(config->outboxSync, defaults.outboxSync);
        QCOMPARE(config->outboxMaxEvents, defaults.outboxMaxEvents);
        QCOMPARE(config->typeMap, defaults.typeMap);
        QCOMPARE(config->defaultDeviceId, defaults.defaultDeviceId);
        QCOMPARE(config->maxPayload, defaults.maxPayload);
        QCOMPARE(config->forwarder.backendUrl, defaults.forwarder.backendUrl);
        QVERIFY(config->forwarder.token.isEmpty());
        QVERIFY(config->forwarder.extraCaCertificates.isEmpty());
        QCOMPARE(config->forwarder.maxBatchBytes, defaults.forwarder.maxBatchBytes);
        QCOMPARE(config->forwarder.maxBatchEvents, defaults.forwarder.maxBatchEvents);
        QCOMPARE(config->logLevel, u"info"_s);
        QCOMPARE(config->printStatus, false);
        // The server knows the house by its MQTT client id unless BRIDGE_ID names it.
        QCOMPARE(config->bridgeId, defaults.clientId.left(64));
        QCOMPARE(config->heartbeatIntervalMs, 30000);
    }

    void loadReadsEveryValue()
    {
        const Settings::LoadResult result =
            load({u"--mqtt-topics"_s, u" sensor/#, home/+/status "_s, u"--outbox-sync"_s, u"full"_s,
                  u"--mqtt-port"_s, u"1884"_s, u"--batch-max-events"_s, u"7"_s, u"--status"_s},
                 {{u"BACKEND_URL"_s, u"https://vigil.lan:8443"_s},
                  {u"BACKEND_TOKEN"_s, u"t0ken"_s},
                  {u"OUTBOX"_s, u"/var/lib/vigil/outbox.db"_s},
                  {u"DEVICE_ID"_s, u"hall"_s},
                  {u"LOG_LEVEL"_s, u"debug"_s}});
        QVERIFY2(result.settings, qPrintable(result.output));
        QString error;
        const std::optional<BridgeConfig> config = BridgeSettings::load(*result.settings, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->topicFilters, (QStringList{u"sensor/#"_s, u"home/+/status"_s}));
        QCOMPARE(config->outboxSync, Outbox::Sync::Full);
        QCOMPARE(config->mqtt.port, quint16(1884));
        QCOMPARE(config->forwarder.maxBatchEvents, 7);
        QCOMPARE(config->forwarder.backendUrl, QUrl(u"https://vigil.lan:8443"_s));
        QCOMPARE(config->forwarder.token, u"t0ken"_s);
        QCOMPARE(config->outboxPath, u"/var/lib/vigil/outbox.db"_s);
        QCOMPARE(config->defaultDeviceId, u"hall"_s);
        QCOMPARE(config->logLevel, u"debug"_s);
        QVERIFY(config->printStatus);
    }

    void statusIsAFlagWithoutValue()
    {
        const Settings::LoadResult result = load({u"--status"_s});
        QVERIFY(result.settings);
        QVERIFY(result.settings->boolean(u"BRIDGE_STATUS"_s));
    }

    void badValuesAreRefused_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("setting");
        QTest::addRow("topic filter")
            << QStringList{u"--mqtt-topics"_s, u"sensor/#/x"_s} << u"MQTT_TOPICS"_s;
        QTest::addRow("plus inside")
            << QStringList{u"--mqtt-topics"_s, u"sensor/a+"_s} << u"MQTT_TOPICS"_s;
        QTest::addRow("url scheme")
            << QStringList{u"--backend-url"_s, u"ftp://host"_s} << u"BACKEND_URL"_s;
        QTest::addRow("type map") << QStringList{u"--type-map"_s, u"A=Not Valid"_s}
                                  << u"TYPE_MAP"_s;
        QTest::addRow("batch events")
            << QStringList{u"--batch-max-events"_s, u"5000"_s} << u"BATCH_MAX_EVENTS"_s;
        QTest::addRow("ca file") << QStringList{u"--backend-cafile"_s, u"/nonexistent.pem"_s}
                                 << u"BACKEND_CAFILE"_s;
        QTest::addRow("sync") << QStringList{u"--outbox-sync"_s, u"sometimes"_s}
                              << u"OUTBOX_SYNC"_s;
        QTest::addRow("bridge id")
            << QStringList{u"--bridge-id"_s, QString(65, u'b')} << u"BRIDGE_ID"_s;
        QTest::addRow("heartbeat interval")
            << QStringList{u"--heartbeat-interval"_s, u"0"_s} << u"HEARTBEAT_INTERVAL"_s;
    }
    void badValuesAreRefused()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, setting);
        const Settings::LoadResult result = load(flags);
        QVERIFY(!result.settings);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.output.startsWith(u"error: "_s + setting + u'='),
                 qPrintable(result.output));
        QVERIFY(!result.output.contains(u'\n'));
    }

    void tokenNeverAppearsInErrors()
    {
        const Settings::LoadResult result =
            load({u"--backend-url"_s, u"nope"_s}, {{u"BACKEND_TOKEN"_s, u"s3cret-token"_s}});
        QVERIFY(!result.settings);
        QVERIFY(!result.output.contains(u"s3cret-token"_s));
        const Settings::LoadResult help =
            load({u"--help"_s}, {{u"BACKEND_TOKEN"_s, u"s3cret-token"_s}});
        QVERIFY(!help.output.contains(u"s3cret-token"_s));
        QVERIFY(help.output.contains(u"--status"_s));
    }

    void topicFilters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("valid");
        QTest::addRow("hash") << u"sensor/#"_s << true;
        QTest::addRow("plus") << u"sensor/+/status"_s << true;
        QTest::addRow("only hash") << u"#"_s << true;
        QTest::addRow("hash inside") << u"sensor/#/x"_s << false;
        QTest::addRow("partial hash") << u"sensor/a#"_s << false;
        QTest::addRow("empty") << QString() << false;
    }
    void topicFilters()
    {
        QFETCH(QString, filter);
        QFETCH(bool, valid);
        QCOMPARE(BridgeSettings::topicFilterProblem(filter).isEmpty(), valid);
    }
};

QTEST_GUILESS_MAIN(tst_BridgeSettings)
#include "tst_bridgesettings.moc"

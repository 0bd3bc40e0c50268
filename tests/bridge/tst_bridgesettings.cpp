#include "bridgesettings.h"

#include <QTemporaryDir>
#include <QTest>

namespace {

Settings::LoadResult load(const QStringList &flags, const QHash<QString, QString> &env = {})
{
    QProcessEnvironment environment;
    for (auto it = env.cbegin(); it != env.cend(); ++it)
        environment.insert(it.key(), it.value());
    return Settings::load(BridgeSettings::program(), QStringList{u"vigil-bridge"_qs} + flags,
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
        QCOMPARE(settings.text(u"MQTT_TOPICS"_qs), u"sensor/#"_qs);
        QCOMPARE(settings.text(u"BACKEND_URL"_qs), u"http://localhost:8000"_qs);
        QCOMPARE(settings.text(u"OUTBOX"_qs), u"vigil-bridge-outbox.db"_qs);
        QCOMPARE(settings.text(u"DEVICE_ID"_qs), u"unknown"_qs);
        QCOMPARE(settings.integer(u"MAX_PAYLOAD"_qs), 65536);
        QCOMPARE(settings.integer(u"BATCH_MAX_BYTES"_qs), 524288);
        QCOMPARE(settings.integer(u"OUTBOX_MAX_EVENTS"_qs), 1000000);
        QVERIFY(settings.text(u"MQTT_CLIENT_ID"_qs).startsWith(u"vigil-bridge-"_qs));
        QVERIFY(!settings.boolean(u"BRIDGE_STATUS"_qs));
    }

    void statusIsAFlagWithoutValue()
    {
        const Settings::LoadResult result = load({u"--status"_qs});
        QVERIFY(result.settings);
        QVERIFY(result.settings->boolean(u"BRIDGE_STATUS"_qs));
    }

    void badValuesAreRefused_data()
    {
        QTest::addColumn<QStringList>("flags");
        QTest::addColumn<QString>("setting");
        QTest::addRow("topic filter")
            << QStringList{u"--mqtt-topics"_qs, u"sensor/#/x"_qs} << u"MQTT_TOPICS"_qs;
        QTest::addRow("plus inside")
            << QStringList{u"--mqtt-topics"_qs, u"sensor/a+"_qs} << u"MQTT_TOPICS"_qs;
        QTest::addRow("url scheme")
            << QStringList{u"--backend-url"_qs, u"ftp://host"_qs} << u"BACKEND_URL"_qs;
        QTest::addRow("type map") << QStringList{u"--type-map"_qs, u"A=Not Valid"_qs}
                                  << u"TYPE_MAP"_qs;
        QTest::addRow("batch events")
            << QStringList{u"--batch-max-events"_qs, u"5000"_qs} << u"BATCH_MAX_EVENTS"_qs;
        QTest::addRow("ca file") << QStringList{u"--backend-cafile"_qs, u"/nonexistent.pem"_qs}
                                 << u"BACKEND_CAFILE"_qs;
        QTest::addRow("sync") << QStringList{u"--outbox-sync"_qs, u"sometimes"_qs}
                              << u"OUTBOX_SYNC"_qs;
    }
    void badValuesAreRefused()
    {
        QFETCH(QStringList, flags);
        QFETCH(QString, setting);
        const Settings::LoadResult result = load(flags);
        QVERIFY(!result.settings);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.output.startsWith(u"error: "_qs + setting + u'='),
                 qPrintable(result.output));
        QVERIFY(!result.output.contains(u'\n'));
    }

    void tokenNeverAppearsInErrors()
    {
        const Settings::LoadResult result =
            load({u"--backend-url"_qs, u"nope"_qs}, {{u"BACKEND_TOKEN"_qs, u"s3cret-token"_qs}});
        QVERIFY(!result.settings);
        QVERIFY(!result.output.contains(u"s3cret-token"_qs));
        const Settings::LoadResult help =
            load({u"--help"_qs}, {{u"BACKEND_TOKEN"_qs, u"s3cret-token"_qs}});
        QVERIFY(!help.output.contains(u"s3cret-token"_qs));
        QVERIFY(help.output.contains(u"--status"_qs));
    }

    void topicFilters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("valid");
        QTest::addRow("hash") << u"sensor/#"_qs << true;
        QTest::addRow("plus") << u"sensor/+/status"_qs << true;
        QTest::addRow("only hash") << u"#"_qs << true;
        QTest::addRow("hash inside") << u"sensor/#/x"_qs << false;
        QTest::addRow("partial hash") << u"sensor/a#"_qs << false;
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

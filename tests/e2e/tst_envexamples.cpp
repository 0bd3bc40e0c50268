// The env files shipped in deploy/systemd/ are real configurations: each program started with
// `--env-file <example>` (only the addresses moved to this test's broker and server by flags,
// which win over the file) accepts every line and works with the credentials the examples
// hold: the agent and the bridge log in with their MQTT_USERNAME/MQTT_PASSWORD, the bridge's
// BACKEND_TOKEN is one of the server example's API_TOKENS.

#include "httptestclient.h"
#include "mosquittobroker.h"
#include "programpath.h"
#include "programprocess.h"
#include "serverprocess.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QString example(const QString &name)
{
    return ProgramPath::sourceDir() + u"/deploy/systemd/"_s + name;
}

QStringList brokerFlags(const MosquittoBroker &broker)
{
    return {u"--mqtt-broker"_s, broker.host(), u"--mqtt-port"_s, QString::number(broker.port())};
}

} // namespace

class tst_EnvExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverExample();
    void agentExamples_data();
    void agentExamples();
    void bridgeExampleWithServerExample();
};

void tst_EnvExamples::serverExample()
{
    // HOST=0.0.0.0 in the example; this test listens on loopback only.
    ServerProcess server({u"--env-file"_s, example(u"server.env"_s), u"--host"_s, u"127.0.0.1"_s});
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(HttpTestClient(server.url()).get(u"/api/events"_s).status, 401);
    QCOMPARE(HttpTestClient(server.url(), u"change-me-browser"_s).get(u"/api/events"_s).status,
             200);
    server.stop();
    QCOMPARE(server.exitCode(), 0);
}

void tst_EnvExamples::agentExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("kind"); // what the unit's instance name sets
    QTest::addRow("motion") << u"agent-motion.env"_s << u"motion"_s;
    QTest::addRow("pressure") << u"agent-pressure.env"_s << u"pressure"_s;
}

void tst_EnvExamples::agentExamples()
{
    QFETCH(QString, file);
    QFETCH(QString, kind);
    MosquittoBroker broker({.username = u"vigil-agent"_s, .password = u"change-me"_s});
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));

    QProcessEnvironment env;
    env.insert(u"SENSOR_KIND"_s, kind); // Environment=SENSOR_KIND=%i in vigil-agent@.service
    ProgramProcess agent(u"vigil-agent"_s,
                         QStringList{u"--env-file"_s, example(file), u"--simulate"_s, u"stdin"_s} +
                             brokerFlags(broker),
                         env);
    QVERIFY2(agent.start(&error), qPrintable(error));
    std::unique_ptr<QProcess> status =
        MosquittoBroker::startMosquittoSub(broker, u"sensor/"_s + kind + u"/status"_s, 1, &error);
    QVERIFY2(status, qPrintable(error));
    QVERIFY2(status->state() == QProcess::NotRunning || status->waitForFinished(15000),
             qPrintable(agent.log()));
    const QByteArray online = status->readAllStandardOutput();
    QVERIFY2(online.contains("SENSOR_ONLINE") && online.contains("\"raspberry-1\""),
             online.constData());
    agent.closeInput();
    QCOMPARE(agent.waitForExit(), 0);
}

void tst_EnvExamples::bridgeExampleWithServerExample()
{
    MosquittoBroker broker({.username = u"vigil-bridge"_s, .password = u"change-me"_s});
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));
    ServerProcess server({u"--env-file"_s, example(u"server.env"_s), u"--host"_s, u"127.0.0.1"_s});
    QVERIFY2(server.start(&error), qPrintable(error));

    QTemporaryDir state;
    QVERIFY(state.isValid());
    ProgramProcess bridge(u"vigil-bridge"_s,
                          QStringList{u"--env-file"_s, example(u"bridge.env"_s), u"--backend-url"_s,
                                      server.url().toString(), u"--outbox"_s,
                                      state.filePath(u"outbox.db"_s), u"--mqtt-client-id"_s,
                                      u"vigil-bridge-env"_s} +
                              brokerFlags(broker));
    QVERIFY2(bridge.start(&error), qPrintable(error));
    // Publish only once the broker has the bridge's subscription.
    QTRY_VERIFY2_WITH_TIMEOUT(broker.logTail(500).contains(u"vigil-bridge-env 1 sensor/#"_s),
                              qPrintable(bridge.log()), 15000);

    // The bridge logs in as vigil-bridge, so this publisher uses the same (only) account.
    QVERIFY2(MosquittoBroker::publishWithMosquittoPub(
                 broker, u"sensor/motion"_s,
                 R"({"event_id": "env-1", "type": "MOTION_DETECTED", "device_id": "raspberry-1"})",
                 1, false, &error),
             qPrintable(error));
    HttpTestClient api(server.url(), u"change-me-browser"_s);
    QTRY_COMPARE_WITH_TIMEOUT(api.eventsWithId(u"env-1"_s).size(), 1, 15000);
    QCOMPARE(bridge.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_EnvExamples)
#include "tst_envexamples.moc"

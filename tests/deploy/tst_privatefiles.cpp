// Files the real programs create are their user's only (PrivateFiles): the server's database and
// the bridge's outbox, SQLite's -wal/-shm/-journal beside them, and those of ./run.sh demo
// (deploy/demo/demo.sh), whatever umask started them. The events, the device names and the
// alarm's history are nobody else's business on a shared machine.

#include "freeport.h"
#include "guidepayloads.h"
#include "httptestclient.h"
#include "programpath.h"
#include "programprocess.h"
#include "serverprocess.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int DeadlineMs = 30000;

// "path: 0644" for each of `database` and its SQLite companions that exists and is not 0600.
QStringList notPrivate(const QString &database)
{
    QStringList found;
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s, u"-journal"_s}) {
        struct stat info
        {
        };
        if (::stat(QFile::encodeName(database + suffix).constData(), &info) != 0)
            continue;
        const unsigned mode = info.st_mode & 0777;
        if (mode != 0600)
            found << u"%1: %2"_s.arg(database + suffix).arg(mode, 4, 8, QChar(u'0'));
    }
    return found;
}

} // namespace

class tst_PrivateFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serverDatabaseIsPrivate();
    void bridgeOutboxIsPrivate();
    void demoFilesArePrivate();
};

void tst_PrivateFiles::initTestCase()
{
    // The umask of a login shell: without the programs' own, their files would be 0644.
    ::umask(022);
}

void tst_PrivateFiles::serverDatabaseIsPrivate()
{
    ServerProcess server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpTestClient client(server.url());
    const HttpTestClient::Reply stored =
        client.post(u"/api/events"_s, QJsonDocument(GuidePayloads::guideExample()).toJson());
    QCOMPARE(stored.status, 201);
    QVERIFY(QFileInfo::exists(server.databasePath() + u"-wal"_s));
    const QStringList open = notPrivate(server.databasePath());
    QVERIFY2(open.isEmpty(), qPrintable(open.join(u", "_s)));
}

void tst_PrivateFiles::bridgeOutboxIsPrivate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString outbox = dir.filePath(u"outbox.db"_s);
    // No broker, no backend: the outbox is opened at start all the same.
    ProgramProcess bridge(u"vigil-bridge"_s);
    bridge.setEnv(u"MQTT_BROKER"_s, u"127.0.0.1"_s);
    bridge.setEnv(u"MQTT_PORT"_s, QString::number(FreePort::find()));
    bridge.setEnv(u"BACKEND_URL"_s, u"http://127.0.0.1:%1"_s.arg(FreePort::find()));
    bridge.setEnv(u"OUTBOX"_s, outbox);
    QString error;
    QVERIFY2(bridge.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(outbox + u"-wal"_s) || !bridge.isRunning(),
                             DeadlineMs);
    QVERIFY2(bridge.isRunning(), qPrintable(bridge.log()));
    const QStringList open = notPrivate(outbox);
    QVERIFY2(open.isEmpty(), qPrintable(open.join(u", "_s)));
    QCOMPARE(bridge.stop(), 0);
}

// ./run.sh demo: the server creates the database itself (--database), the bridge its outbox.
void tst_PrivateFiles::demoFilesArePrivate()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    ProgramProcess demo(ProgramPath::sourceDir() + u"/deploy/demo/demo.sh"_s);
    demo.setEnv(u"VIGIL_BIN_DIR"_s, QStringLiteral(VIGIL_BIN_DIR));
    demo.setEnv(u"DEMO_MQTT_PORT"_s, QString::number(FreePort::find()));
    demo.setEnv(u"DEMO_HTTP_PORT"_s, QString::number(FreePort::find()));
    demo.mergeChannels();
    demo.setArguments(
        {u"--duration"_s, u"60"_s, u"--no-dashboard"_s, u"--state-dir"_s, state.path()});
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    QVERIFY2(demo.waitForLog(u"web page:"_s, DeadlineMs), qPrintable(demo.log()));
    const QString database = state.filePath(u"vigil.db"_s);
    const QString outbox = state.filePath(u"bridge-outbox.db"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(outbox), DeadlineMs);
    QVERIFY(QFileInfo::exists(database));
    const QStringList open = notPrivate(database) + notPrivate(outbox);
    QVERIFY2(open.isEmpty(), qPrintable(open.join(u", "_s)));
    QCOMPARE(demo.stop(), 0);
}

QTEST_GUILESS_MAIN(tst_PrivateFiles)
#include "tst_privatefiles.moc"

// Every Mosquitto configuration Vigil ships or generates must keep events: persistence on and a
// max_queued_messages far above the stock 1000 (which silently drops a burst, or what is queued
// for the bridge while it is away). The deployed ones must also refuse anonymous clients. Each is
// then really loaded by Debian's mosquitto (paths and port moved into a temp dir) to prove it is
// a configuration the broker accepts and that it behaves as it says.

#include "freeport.h"
#include "programpath.h"
#include "programprocess.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// Far above 1000: what a long bridge outage on a busy Pi can queue.
constexpr qint64 MinQueuedMessages = 100000;

const QString User = u"vigil-test"_s;
const QString Password = u"s3cret-test"_s;

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Option name -> its values, in file order, comments and blank lines left out.
QMultiHash<QString, QString> options(const QString &text)
{
    QMultiHash<QString, QString> result;
    const QStringList lines = text.split(u'\n');
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype space = line.indexOf(u' ');
        result.insert(space < 0 ? line : line.left(space),
                      space < 0 ? QString() : line.mid(space + 1).trimmed());
    }
    return result;
}

// Runs a short client tool; true when it exited 0.
bool runTool(const QString &program, const QStringList &arguments, QString *output)
{
    return ProgramProcess::run(program, arguments, output, {.timeoutMs = 20000}) == 0;
}

bool listening(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, port);
    return socket.waitForConnected(200);
}

QString currentUser()
{
    const passwd *entry = ::getpwuid(::geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

} // namespace

class tst_MosquittoConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsEvents_data();
    void keepsEvents();
    void brokerLoadsIt_data();
    void brokerLoadsIt();
};

void tst_MosquittoConfig::keepsEvents_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("deployed"); // false: the loopback-only demo
    QTest::addRow("pi") << u"deploy/mosquitto/vigil.conf"_s << true;
    QTest::addRow("compose") << u"deploy/compose/mosquitto/config/mosquitto.conf"_s << true;
    QTest::addRow("demo") << u"deploy/demo/mosquitto-demo.conf.in"_s << false;
}

void tst_MosquittoConfig::keepsEvents()
{
    QFETCH(QString, file);
    QFETCH(bool, deployed);
    const QString text = readText(ProgramPath::sourceDir() + u'/' + file);
    QVERIFY2(!text.isEmpty(), qPrintable(file));
    const auto config = options(text);

    QCOMPARE(config.values(u"persistence"_s), QStringList{u"true"_s});
    bool isNumber = false;
    const qint64 queued = config.value(u"max_queued_messages"_s).toLongLong(&isNumber);
    QVERIFY2(isNumber && queued >= MinQueuedMessages,
             qPrintable(u"max_queued_messages "_s + config.value(u"max_queued_messages"_s)));
    // A byte limit would bring the loss back by another door.
    QCOMPARE(config.value(u"max_queued_bytes"_s, u"0"_s), u"0"_s);

    const QStringList listeners = config.values(u"listener"_s);
    QVERIFY(!listeners.isEmpty());
    if (deployed) {
        QCOMPARE(config.values(u"allow_anonymous"_s), QStringList{u"false"_s});
        QVERIFY(!config.value(u"password_file"_s).isEmpty());
    } else {
        // Anonymous is acceptable only because nothing outside this machine can connect.
        for (const QString &listener : listeners)
            QVERIFY2(listener.endsWith(u" 127.0.0.1"_s), qPrintable(listener));
    }
}

void tst_MosquittoConfig::brokerLoadsIt_data()
{
    keepsEvents_data();
}

void tst_MosquittoConfig::brokerLoadsIt()
{
    QFETCH(QString, file);
    QFETCH(bool, deployed);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint16 port = FreePort::find();
    QVERIFY(port != 0);

    // Same options, but this test's port, files and user (as root, mosquitto would switch to
    // the mosquitto user, who cannot write the temp dir).
    QString text = readText(ProgramPath::sourceDir() + u'/' + file);
    text.replace(u"@PORT@"_s, QString::number(port))
        .replace(u"@STATE_DIR@"_s, dir.path() + u'/')
        .replace(u"@USER@"_s, currentUser());
    const auto rewrite = [&text](const QString &pattern, const QString &replacement) {
        text.replace(QRegularExpression(pattern, QRegularExpression::MultilineOption), replacement);
    };
    rewrite(u"^listener \\d+.*$"_s, u"listener "_s + QString::number(port) + u" 127.0.0.1"_s);
    rewrite(u"^password_file .*$"_s, u"password_file "_s + dir.filePath(u"passwd"_s));
    rewrite(u"^persistence_location .*$"_s, QString());
    rewrite(u"^log_dest file .*$"_s, QString());
    rewrite(u"^user .*$"_s, QString());
    text += u"\npersistence_location "_s + dir.path() + u"/\nuser "_s + currentUser() + u'\n';
    const QString configPath = dir.filePath(u"mosquitto.conf"_s);
    {
        QFile config(configPath);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(text.toUtf8());
    }
    QString output;
    if (deployed) {
        QVERIFY2(runTool(u"mosquitto_passwd"_s,
                         {u"-c"_s, u"-b"_s, dir.filePath(u"passwd"_s), User, Password}, &output),
                 qPrintable(output));
    }

    // The deployed configuration, so not the MosquittoBroker fixture (which writes its own).
    ProgramProcess broker(u"/usr/sbin/mosquitto"_s, {u"-c"_s, configPath});
    broker.mergeChannels();
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));
    QTRY_VERIFY2_WITH_TIMEOUT(listening(port) || !broker.isRunning(), qPrintable(broker.log()),
                              10000);
    QVERIFY2(broker.isRunning(), qPrintable(broker.log()));

    const QStringList publish = {u"-h"_s, u"127.0.0.1"_s,
                                 u"-p"_s, QString::number(port),
                                 u"-q"_s, u"1"_s,
                                 u"-t"_s, u"sensor/motion"_s,
                                 u"-m"_s, u"{\"type\":\"MOTION_DETECTED\"}"_s};
    if (deployed) {
        QVERIFY2(!runTool(u"mosquitto_pub"_s, publish, &output), "an anonymous client got in");
        QVERIFY2(runTool(u"mosquitto_pub"_s,
                         publish + QStringList{u"-u"_s, User, u"-P"_s, Password}, &output),
                 qPrintable(output));
    } else {
        QVERIFY2(runTool(u"mosquitto_pub"_s, publish, &output), qPrintable(output));
    }

    // A clean stop writes the persistence file where the configuration says.
    QCOMPARE(broker.stop(10000), 0);
    QVERIFY2(QFile::exists(dir.filePath(u"mosquitto.db"_s)), qPrintable(broker.log()));
}

QTEST_GUILESS_MAIN(tst_MosquittoConfig)
#include "tst_mosquittoconfig.moc"

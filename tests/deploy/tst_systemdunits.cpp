// The shipped systemd units (deploy/systemd/) as systemd itself reads them: `systemd-analyze
// verify` must accept them without a single warning (an unknown or misspelt key is only a
// warning to systemd, and a silently ignored hardening line is exactly what we must catch), and
// `systemd-analyze security` must rate each one well hardened. Skipped where systemd-analyze is
// not installed.

#include "programpath.h"
#include "programprocess.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The unit files and the instance name each is checked as.
const QList<std::pair<QString, QString>> Units = {
    {u"vigil-agent@.service"_s, u"vigil-agent@motion.service"_s},
    {u"vigil-bridge.service"_s, u"vigil-bridge.service"_s},
    {u"vigil-server.service"_s, u"vigil-server.service"_s},
};

// An exposure of 10 is an unprotected service; ours were 1.6-1.9 when written.
constexpr double MaxExposure = 2.5;

QString deployDir()
{
    return ProgramPath::sourceDir() + u"/deploy/systemd"_s;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_SystemdUnits : public QObject
{
    Q_OBJECT

private:
    // A scratch root as the Pi would have it: the units in /etc/systemd/system, the programs
    // (stubs) in /usr/local/bin, the env files in /etc/vigil, and the host's own system units so
    // that dependencies like network-online.target resolve.
    bool makeRoot(QString *error);
    QString run(const QStringList &arguments, int *exitCode);

    QTemporaryDir m_root;
    QString m_analyze;

private Q_SLOTS:
    void initTestCase();
    void verifyHasNoWarning_data();
    void verifyHasNoWarning();
    void hardened_data();
    void hardened();
    void envFilesShipped();
    void notifyAndWatchdog_data();
    void notifyAndWatchdog();
};

bool tst_SystemdUnits::makeRoot(QString *error)
{
    const QDir root(m_root.path());
    for (const char *dir :
         {"etc/systemd/system", "etc/vigil", "usr/local/bin", "usr/lib/systemd"}) {
        if (!root.mkpath(QString::fromLatin1(dir))) {
            *error = u"cannot create "_s + QString::fromLatin1(dir);
            return false;
        }
    }
    if (!QFile::link(u"/lib/systemd/system"_s, root.filePath(u"usr/lib/systemd/system"_s))) {
        *error = u"cannot link the host's system units"_s;
        return false;
    }
    for (const auto &[file, instance] : Units) {
        Q_UNUSED(instance);
        if (!QFile::copy(deployDir() + u'/' + file,
                         root.filePath(u"etc/systemd/system/"_s + file))) {
            *error = u"cannot copy "_s + file;
            return false;
        }
    }
    for (const QString &program : {u"vigil-agent"_s, u"vigil-bridge"_s, u"vigil-server"_s}) {
        QFile stub(root.filePath(u"usr/local/bin/"_s + program));
        if (!stub.open(QIODevice::WriteOnly) || stub.write("#!/bin/sh\n") < 0 ||
            !stub.setPermissions(stub.permissions() | QFileDevice::ExeOwner)) {
            *error = u"cannot write the stub "_s + program;
            return false;
        }
    }
    for (const QString &env : {u"agent-motion"_s, u"bridge"_s, u"server"_s}) {
        if (!QFile::copy(deployDir() + u'/' + env + u".env"_s,
                         root.filePath(u"etc/vigil/"_s + env + u".env"_s))) {
            *error = u"cannot copy "_s + env + u".env"_s;
            return false;
        }
    }
    return true;
}

QString tst_SystemdUnits::run(const QStringList &arguments, int *exitCode)
{
    // Plain text: no pager, no colours, no emoji in the report.
    QProcessEnvironment env;
    env.insert(u"SYSTEMD_PAGER"_s, QString());
    env.insert(u"SYSTEMD_COLORS"_s, u"0"_s);
    env.insert(u"SYSTEMD_EMOJI"_s, u"0"_s);
    QString output;
    *exitCode = ProgramProcess::run(m_analyze, arguments, &output, {.env = env});
    return output;
}

void tst_SystemdUnits::initTestCase()
{
    m_analyze = QStandardPaths::findExecutable(u"systemd-analyze"_s);
    if (m_analyze.isEmpty())
        QSKIP("systemd-analyze is not installed (Debian package systemd)");
    QVERIFY(m_root.isValid());
    QString error;
    QVERIFY2(makeRoot(&error), qPrintable(error));
}

void tst_SystemdUnits::verifyHasNoWarning_data()
{
    QTest::addColumn<QString>("unit");
    for (const auto &[file, instance] : Units)
        QTest::addRow("%s", qPrintable(file)) << instance;
}

void tst_SystemdUnits::verifyHasNoWarning()
{
    QFETCH(QString, unit);
    int exitCode = 0;
    const QString output = run({u"verify"_s, u"--root="_s + m_root.path(), unit}, &exitCode);
    QVERIFY2(output.isEmpty(), qPrintable(output));
    QCOMPARE(exitCode, 0);
}

void tst_SystemdUnits::hardened_data()
{
    verifyHasNoWarning_data();
}

void tst_SystemdUnits::hardened()
{
    QFETCH(QString, unit);
    int exitCode = 0;
    const QString output = run(
        {u"security"_s, u"--offline=true"_s, u"--root="_s + m_root.path(), u"--no-pager"_s, unit},
        &exitCode);
    static const QRegularExpression overall(u"Overall exposure level for \\S+: ([0-9.]+)"_s);
    const QRegularExpressionMatch match = overall.match(output);
    QVERIFY2(match.hasMatch(), qPrintable(output));
    const double exposure = match.captured(1).toDouble();
    qInfo("%s: exposure %.1f (0 best, 10 worst)", qPrintable(unit), exposure);
    QVERIFY2(exposure <= MaxExposure, qPrintable(output));
}

// Every EnvironmentFile= a unit names has its commented example beside the units.
void tst_SystemdUnits::envFilesShipped()
{
    static const QRegularExpression envFile(u"^EnvironmentFile=/etc/vigil/(\\S+)$"_s,
                                            QRegularExpression::MultilineOption);
    int seen = 0;
    for (const auto &[file, instance] : Units) {
        const QString text = QString::fromUtf8(readFile(deployDir() + u'/' + file));
        auto matches = envFile.globalMatch(text);
        while (matches.hasNext()) {
            QString name = matches.next().captured(1);
            const QStringList instances =
                name.contains(u"%i"_s)
                    ? QStringList{name.replace(u"%i"_s, u"motion"_s),
                                  QString(name).replace(u"motion"_s, u"pressure"_s)}
                    : QStringList{name};
            for (const QString &example : instances) {
                QVERIFY2(QFile::exists(deployDir() + u'/' + example), qPrintable(example));
                ++seen;
            }
        }
    }
    QCOMPARE(seen, 4);
}

void tst_SystemdUnits::notifyAndWatchdog_data()
{
    QTest::addColumn<QString>("file");
    for (const auto &[file, instance] : Units)
        QTest::addRow("%s", qPrintable(file)) << file;
}

// Type=simple counted a service as started once exec'd and never noticed a hung one: each
// program now says READY=1 and feeds the watchdog (tst_systemdnotifier), and its unit must ask
// for both, and restart what the watchdog kills.
void tst_SystemdUnits::notifyAndWatchdog()
{
    QFETCH(QString, file);
    const QString text = QString::fromUtf8(readFile(deployDir() + u'/' + file));
    const auto setting = [&text](const QString &key) {
        const QRegularExpression line(u"^"_s + key + u"=(.*)$"_s,
                                      QRegularExpression::MultilineOption);
        return line.match(text).captured(1).trimmed();
    };
    QCOMPARE(setting(u"Type"_s), u"notify"_s);
    static const QRegularExpression seconds(u"^[1-9][0-9]*s$"_s);
    QVERIFY2(seconds.match(setting(u"WatchdogSec"_s)).hasMatch(),
             qPrintable(setting(u"WatchdogSec"_s)));
    QCOMPARE(setting(u"Restart"_s), u"on-failure"_s);
    // systemd takes READY=1 from the main process only, which is ours (no wrapper script).
    QVERIFY(setting(u"NotifyAccess"_s).isEmpty() || setting(u"NotifyAccess"_s) == u"main"_s);
}

QTEST_GUILESS_MAIN(tst_SystemdUnits)
#include "tst_systemdunits.moc"

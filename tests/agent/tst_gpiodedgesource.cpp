#include "gpiodedgesource.h"
#include "monotonicclock.h"
#include "programprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString GpioSimRoot = u"/sys/kernel/config/gpio-sim"_s;

bool writeFile(const QString &path, const QByteArray &value)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(value) == value.size();
}

QString readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

// A simulated GPIO chip through the kernel's gpio-sim (configfs): real kernel lines, real edge
// events with kernel timestamps, driven by writing a pull to sysfs.
class GpioSimChip
{
public:
    ~GpioSimChip()
    {
        if (m_dir.isEmpty())
            return;
        writeFile(m_dir + u"/live"_s, "0");
        QDir().rmdir(m_dir + u"/bank0"_s);
        QDir().rmdir(m_dir);
    }

    // label: the chip's label as its driver reports it (gpio-sim's own when empty).
    bool create(int lines, QString *error, const QByteArray &label = {})
    {
        m_dir = GpioSimRoot + u"/vigil-agent-test-"_s +
                QString::number(QCoreApplication::applicationPid());
        if (!QDir().mkpath(m_dir + u"/bank0"_s)) {
            *error = u"cannot create "_s + m_dir;
            return false;
        }
        if (!writeFile(m_dir + u"/bank0/num_lines"_s, QByteArray::number(lines)) ||
            (!label.isEmpty() && !writeFile(m_dir + u"/bank0/label"_s, label)) ||
            !writeFile(m_dir + u"/live"_s, "1")) {
            *error = u"cannot bring "_s + m_dir + u" live"_s;
            return false;
        }
        m_chipName = readFile(m_dir + u"/bank0/chip_name"_s);
        m_deviceName = readFile(m_dir + u"/dev_name"_s);
        return !m_chipName.isEmpty();
    }

    QString chipName() const { return m_chipName; }

    bool setPull(int line, bool up)
    {
        return writeFile(
            u"/sys/devices/platform/%1/%2/sim_gpio%3/pull"_s.arg(m_deviceName, m_chipName)
                .arg(line),
            up ? "pull-up" : "pull-down");
    }

private:
    QString m_dir;
    QString m_chipName;
    QString m_deviceName;
};

// Why the gpio-sim tests cannot run here, or nullptr when they can.
const char *gpioSimMissing()
{
    if (!QFileInfo(GpioSimRoot).isDir())
        return "the kernel offers no gpio-sim here (/sys/kernel/config/gpio-sim is missing: needs "
               "CONFIG_GPIO_SIM and configfs mounted); the libgpiod source is compiled but not run";
    if (!QFileInfo(GpioSimRoot).isWritable())
        return "gpio-sim exists but /sys/kernel/config/gpio-sim is not writable (needs root)";
    return nullptr;
}

} // namespace

class tst_GpiodEdgeSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void openErrors_data();
    void openErrors();
    void agentExits2NamingTheChip();
    void simulatedLineGivesKernelTimestampedEdges();
    void simulatedChipFoundByNameNumberLabelOrPath_data();
    void simulatedChipFoundByNameNumberLabelOrPath();

private:
    QTemporaryDir m_dir;
};

void tst_GpiodEdgeSource::openErrors_data()
{
    QTest::addColumn<QString>("chip");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("message");

    // The same words from the libgpiod 1 and 2 sources: each row runs against whichever the
    // build chose. Chip names and labels that no machine has, so that hardware changes nothing.
    const QString noSuch = u"no such GPIO chip (%1 does not exist; see ls /dev/gpiochip*)"_s;
    QTest::addRow("missing path") << u"/dev/does-not-exist"_s << u"GPIO_CHIP"_s
                                  << noSuch.arg(u"/dev/does-not-exist"_s);
    QTest::addRow("missing name") << u"gpiochip99"_s << u"GPIO_CHIP"_s
                                  << noSuch.arg(u"/dev/gpiochip99"_s);
    QTest::addRow("missing number")
        << u"99"_s << u"GPIO_CHIP"_s << noSuch.arg(u"/dev/gpiochip99"_s);
    // A name that is no node is looked for as a label (on every chip there is, none here).
    QTest::addRow("missing label")
        << u"vigil-no-such-label"_s << u"GPIO_CHIP"_s << noSuch.arg(u"/dev/vigil-no-such-label"_s);
    QTest::addRow("not a GPIO chip")
        << u"/dev/null"_s << u"GPIO_CHIP"_s << u"/dev/null is not a GPIO chip character device"_s;
    QTest::addRow("name of a device that is not a GPIO chip")
        << u"null"_s << u"GPIO_CHIP"_s << u"/dev/null is not a GPIO chip character device"_s;
    QTest::addRow("a directory") << u"/dev"_s << u"GPIO_CHIP"_s
                                 << u"/dev is not a GPIO chip character device"_s;
    const QString file = m_dir.filePath(u"gpiochip0"_s);
    QVERIFY(writeFile(file, "not a device\n"));
    QTest::addRow("a regular file")
        << file << u"GPIO_CHIP"_s << u"%1 is not a GPIO chip character device"_s.arg(file);
}

void tst_GpiodEdgeSource::openErrors()
{
    QFETCH(QString, chip);
    QFETCH(QString, setting);
    QFETCH(QString, message);

    GpiodEdgeSource source(chip, 17, false);
    QVERIFY(!source.start());
    QCOMPARE(source.errorSetting(), setting);
    QCOMPARE(source.errorString(), message);
}

// The binary turns the source's error into the one line of a bad setting, exit status 2.
void tst_GpiodEdgeSource::agentExits2NamingTheChip()
{
    // ProgramProcess clears every setting the caller's environment has; the locale stays, or
    // Qt warns about it on stderr.
    ProgramProcess agent(u"vigil-agent"_s);
    agent.setEnv(u"GPIO_CHIP"_s, u"99"_s);
    agent.setEnv(u"SENSOR_PIN"_s, u"17"_s);
    agent.setEnv(u"SIMULATE"_s, u"off"_s);
    agent.setEnv(u"MQTT_PORT"_s, u"1"_s); // never reached: the chip is checked first
    QVERIFY(agent.start());
    QCOMPARE(agent.waitForExit(10000), 2);
    QCOMPARE(agent.log(),
             u"error: GPIO_CHIP=99 (from environment): no such GPIO chip (/dev/gpiochip99 does not "
             "exist; see ls /dev/gpiochip*)\n"_s);
}

void tst_GpiodEdgeSource::simulatedLineGivesKernelTimestampedEdges()
{
    if (const char *reason = gpioSimMissing())
        QSKIP(reason);

    GpioSimChip chip;
    QString error;
    QVERIFY2(chip.create(8, &error), qPrintable(error));
    QVERIFY(chip.setPull(5, false));

    GpiodEdgeSource source(chip.chipName(), 5, false);
    QVERIFY2(source.start(), qPrintable(source.errorString()));
    QSignalSpy edges(&source, &EdgeSource::edge);

    const qint64 before = MonotonicClock::nowNs();
    QVERIFY(chip.setPull(5, true));
    QTRY_COMPARE(edges.size(), 1);
    QVERIFY(chip.setPull(5, false));
    QTRY_COMPARE(edges.size(), 2);
    const qint64 after = MonotonicClock::nowNs();
    QCOMPARE(edges.at(0).at(0).toBool(), true);
    QCOMPARE(edges.at(1).at(0).toBool(), false);
    for (const QList<QVariant> &edge : std::as_const(edges)) {
        const qint64 timestamp = edge.at(1).toLongLong();
        QVERIFY(timestamp >= before && timestamp <= after);
    }

    // The line is ours now: a second request names the holder.
    GpiodEdgeSource second(chip.chipName(), 5, false);
    QVERIFY(!second.start());
    QCOMPARE(second.errorSetting(), u"SENSOR_PIN"_s);
    QVERIFY2(second.errorString().contains(u"busy, held by \"vigil-agent\""_s),
             qPrintable(second.errorString()));

    GpiodEdgeSource outOfRange(chip.chipName(), 8, false);
    QVERIFY(!outOfRange.start());
    QVERIFY2(outOfRange.errorString().contains(u"has no line 8 (it has lines 0 to 7)"_s),
             qPrintable(outOfRange.errorString()));

    // Active low: the same physical rise is now an inactive edge.
    GpiodEdgeSource inverted(chip.chipName(), 6, true);
    QVERIFY(chip.setPull(6, false));
    QVERIFY2(inverted.start(), qPrintable(inverted.errorString()));
    QSignalSpy invertedEdges(&inverted, &EdgeSource::edge);
    QVERIFY(chip.setPull(6, true));
    QTRY_COMPARE(invertedEdges.size(), 1);
    QCOMPARE(invertedEdges.at(0).at(0).toBool(), false);
}

void tst_GpiodEdgeSource::simulatedChipFoundByNameNumberLabelOrPath_data()
{
    QTest::addColumn<QString>("how");
    for (const char *how : {"name", "number", "label", "path"})
        QTest::addRow("%s", how) << QString::fromLatin1(how);
}

// Every form GPIO_CHIP takes opens the same chip (libgpiod 2 has no lookup: the source does it).
void tst_GpiodEdgeSource::simulatedChipFoundByNameNumberLabelOrPath()
{
    QFETCH(QString, how);
    if (const char *reason = gpioSimMissing())
        QSKIP(reason);

    const QByteArray label = "vigil-test-" + QByteArray::number(QCoreApplication::applicationPid());
    GpioSimChip chip;
    QString error;
    QVERIFY2(chip.create(4, &error, label), qPrintable(error));
    QVERIFY(chip.setPull(2, false));

    QString setting = chip.chipName();
    if (how == u"number"_s)
        setting = chip.chipName().mid(int(qstrlen("gpiochip")));
    else if (how == u"label"_s)
        setting = QString::fromLatin1(label);
    else if (how == u"path"_s)
        setting = u"/dev/"_s + chip.chipName();

    GpiodEdgeSource source(setting, 2, false);
    QVERIFY2(source.start(), qPrintable(source.errorString()));
    QSignalSpy edges(&source, &EdgeSource::edge);
    QVERIFY(chip.setPull(2, true));
    QTRY_COMPARE(edges.size(), 1);
    QCOMPARE(edges.at(0).at(0).toBool(), true);
}

QTEST_GUILESS_MAIN(tst_GpiodEdgeSource)
#include "tst_gpiodedgesource.moc"

#include "gpiodedgesource.h"

#include "monotonicclock.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <gpiod.h>

#include <cerrno>
#include <cstring>

Q_LOGGING_CATEGORY(lcGpiod, "vigil.agent.gpio")

using namespace Qt::StringLiterals;

namespace {

const QString ChipSetting = u"GPIO_CHIP"_s;
const QString PinSetting = u"SENSOR_PIN"_s;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

GpiodEdgeSource::GpiodEdgeSource(const QString &chip, int line, bool activeLow, QObject *parent)
    : EdgeSource(parent)
    , m_chipName(chip)
    , m_lineOffset(line)
    , m_activeLow(activeLow)
{}

GpiodEdgeSource::~GpiodEdgeSource()
{
    delete m_notifier; // before the fd it watches is closed
    if (m_line)
        gpiod_line_release(m_line);
    if (m_chip)
        gpiod_chip_close(m_chip);
}

bool GpiodEdgeSource::start()
{
    if (!openChip() || !requestLine())
        return false;
    m_notifier = new QSocketNotifier(gpiod_line_event_get_fd(m_line), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &GpiodEdgeSource::readEvents);
    qCInfo(lcGpiod, "watching line %d of %s (%s), both edges%s", m_lineOffset,
           gpiod_chip_name(m_chip), gpiod_chip_label(m_chip), m_activeLow ? ", active low" : "");
    return true;
}

bool GpiodEdgeSource::openChip()
{
    // A path is opened as given; anything else (gpiochip0, 0, a label) goes through libgpiod's
    // lookup, which tries it as a label, a name under /dev and a number.
    const QByteArray chip = m_chipName.toLocal8Bit();
    const bool isPath = m_chipName.startsWith(u'/');
    errno = 0;
    m_chip = isPath ? gpiod_chip_open(chip.constData()) : gpiod_chip_open_lookup(chip.constData());
    if (m_chip)
        return true;
    const int error = errno;
    const QString path = isPath ? m_chipName : u"/dev/"_s + m_chipName;
    if (error == EACCES || error == EPERM)
        return fail(ChipSetting, u"no permission to open %1; add the user to the 'gpio' group "
                                 "(sudo usermod -aG gpio $USER) and log in again"_s.arg(path));
    if (error == ENOENT || error == 0)
        return fail(ChipSetting,
                    u"no such GPIO chip (%1 does not exist; see ls /dev/gpiochip*)"_s.arg(path));
    if (error == ENOTTY || error == ENODEV || error == EINVAL)
        return fail(ChipSetting, u"%1 is not a GPIO chip character device"_s.arg(path));
    return fail(ChipSetting, u"cannot open %1: %2"_s.arg(path, systemError(error)));
}

bool GpiodEdgeSource::requestLine()
{
    const QString chipName = QString::fromLocal8Bit(gpiod_chip_name(m_chip));
    const unsigned int lineCount = gpiod_chip_num_lines(m_chip);
    if (m_lineOffset < 0 || unsigned(m_lineOffset) >= lineCount)
        return fail(PinSetting, u"%1 has no line %2 (it has lines 0 to %3)"_s.arg(chipName)
                                    .arg(m_lineOffset)
                                    .arg(int(lineCount) - 1));
    m_line = gpiod_chip_get_line(m_chip, unsigned(m_lineOffset));
    if (!m_line)
        return fail(
            PinSetting,
            u"cannot get line %1 of %2: %3"_s.arg(m_lineOffset).arg(chipName, systemError(errno)));

    const int flags = m_activeLow ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    if (gpiod_line_request_both_edges_events_flags(m_line, Consumer, flags) == 0)
        return true;
    const int error = errno;
    m_line = nullptr; // not requested: nothing to release
    if (error == EBUSY) {
        gpiod_line *line = gpiod_chip_get_line(m_chip, unsigned(m_lineOffset));
        if (line)
            gpiod_line_update(line);
        const char *holder = line && gpiod_line_is_used(line) ? gpiod_line_consumer(line) : nullptr;
        return fail(PinSetting,
                    u"line %1 of %2 is busy, held by %3"_s.arg(m_lineOffset)
                        .arg(chipName, holder && *holder
                                           ? u"\"%1\""_s.arg(QString::fromLocal8Bit(holder))
                                           : u"another process or a kernel driver"_s));
    }
    if (error == EACCES || error == EPERM)
        return fail(ChipSetting,
                    u"no permission to request line %1 of %2; add the user to the 'gpio' group "
                    "(sudo usermod -aG gpio $USER) and log in again"_s.arg(m_lineOffset)
                        .arg(chipName));
    return fail(PinSetting, u"cannot request edge events on line %1 of %2: %3"_s.arg(m_lineOffset)
                                .arg(chipName, systemError(error)));
}

void GpiodEdgeSource::readEvents()
{
    // Everything the kernel queued since the last wake-up, each with its own timestamp, so that
    // a burst of bounces is debounced on when it happened, not on when we got to read it.
    gpiod_line_event events[16];
    const int count = gpiod_line_event_read_multiple(m_line, events, 16);
    if (count < 0) {
        if (errno == EAGAIN || errno == EINTR)
            return;
        // The chip went away (unbound driver, unplugged expander): the notifier would fire
        // forever on the broken fd, so stop watching and let the owner end the program.
        m_notifier->setEnabled(false);
        setErrorString(u"cannot read events of line %1 of %2: %3"_s.arg(m_lineOffset)
                           .arg(m_chipName, systemError(errno)));
        Q_EMIT failed();
        return;
    }
    for (int i = 0; i < count; ++i) {
        const gpiod_line_event &event = events[i];
        const qint64 kernelNs = qint64(event.ts.tv_sec) * 1000000000 + event.ts.tv_nsec;
        Q_EMIT edge(event.event_type == GPIOD_LINE_EVENT_RISING_EDGE,
                    MonotonicClock::fromKernelNs(kernelNs));
    }
}

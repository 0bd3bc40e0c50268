#include "gpiodv1edgesource.h"

#include "gpioderrors.h"
#include "monotonicclock.h"

#include <gpiod.h>

#include <cerrno>
#include <ctime>

namespace {

// One read takes at most this many events; GpioLineSource reads again while more are queued.
constexpr int ReadBatch = 16;

} // namespace

GpiodV1EdgeSource::GpiodV1EdgeSource(const QString &chip, int line, bool activeLow, QObject *parent)
    : GpioLineSource(chip, line, activeLow, gpiod_version_string(), parent)
{}

GpiodV1EdgeSource::~GpiodV1EdgeSource()
{
    stopWatching();
    if (m_line)
        gpiod_line_release(m_line);
    if (m_chip)
        gpiod_chip_close(m_chip);
}

int GpiodV1EdgeSource::open()
{
    return openChip() && requestLine() ? gpiod_line_event_get_fd(m_line) : -1;
}

bool GpiodV1EdgeSource::openChip()
{
    // A path is opened as given; anything else (gpiochip0, 0, a label) goes through libgpiod's
    // lookup, which tries it as a number, a label and a name under /dev.
    const QByteArray chip = m_chipSetting.toLocal8Bit();
    const bool isPath = m_chipSetting.startsWith(u'/');
    errno = 0;
    m_chip = isPath ? gpiod_chip_open(chip.constData()) : gpiod_chip_open_lookup(chip.constData());
    if (!m_chip)
        return fail(GpioErrors::chipNotOpened(GpioErrors::chipPath(m_chipSetting), errno));
    m_chipName = QString::fromLocal8Bit(gpiod_chip_name(m_chip));
    m_chipLabel = QString::fromLocal8Bit(gpiod_chip_label(m_chip));
    return true;
}

bool GpiodV1EdgeSource::requestLine()
{
    const unsigned int lineCount = gpiod_chip_num_lines(m_chip);
    if (m_lineOffset < 0 || unsigned(m_lineOffset) >= lineCount)
        return fail(GpioErrors::noSuchLine(m_chipName, m_lineOffset, int(lineCount)));
    m_line = gpiod_chip_get_line(m_chip, unsigned(m_lineOffset));
    if (!m_line)
        return fail(GpioErrors::lineNotFound(m_chipName, m_lineOffset, errno));

    const int flags = m_activeLow ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    if (gpiod_line_request_both_edges_events_flags(m_line, Consumer, flags) == 0)
        return true;
    const int requestError = errno;
    m_line = nullptr; // not requested: nothing to release
    if (requestError != EBUSY)
        return fail(GpioErrors::lineNotRequested(m_chipName, m_lineOffset, requestError));
    gpiod_line *line = gpiod_chip_get_line(m_chip, unsigned(m_lineOffset));
    if (line)
        gpiod_line_update(line);
    const char *holder = line && gpiod_line_is_used(line) ? gpiod_line_consumer(line) : nullptr;
    return fail(GpioErrors::lineBusy(m_chipName, m_lineOffset,
                                     holder ? QString::fromLocal8Bit(holder) : QString()));
}

bool GpiodV1EdgeSource::readBatch()
{
    gpiod_line_event events[ReadBatch];
    const int count = gpiod_line_event_read_multiple(m_line, events, ReadBatch);
    if (count < 0)
        return false;
    for (int i = 0; i < count; ++i) {
        const gpiod_line_event &event = events[i];
        const qint64 kernelNs = qint64(event.ts.tv_sec) * 1000000000 + event.ts.tv_nsec;
        Q_EMIT edge(event.event_type == GPIOD_LINE_EVENT_RISING_EDGE,
                    MonotonicClock::fromKernelNs(kernelNs));
    }
    return true;
}

bool GpiodV1EdgeSource::hasQueued()
{
    const timespec noWait{0, 0};
    return gpiod_line_event_wait(m_line, &noWait) == 1;
}

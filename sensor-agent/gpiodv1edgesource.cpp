#include "gpiodv1edgesource.h"

#include "gpioderrors.h"
#include "monotonicclock.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <gpiod.h>

#include <cerrno>
#include <ctime>

Q_LOGGING_CATEGORY(lcGpiod, "vigil.agent.gpio")

namespace {

// One read takes at most this many events; readEvents() reads again while more are queued.
constexpr int ReadBatch = 16;

} // namespace

GpiodV1EdgeSource::GpiodV1EdgeSource(const QString &chip, int line, bool activeLow, QObject *parent)
    : EdgeSource(parent)
    , m_chipSetting(chip)
    , m_lineOffset(line)
    , m_activeLow(activeLow)
{}

GpiodV1EdgeSource::~GpiodV1EdgeSource()
{
    delete m_notifier; // before the fd it watches is closed
    if (m_line)
        gpiod_line_release(m_line);
    if (m_chip)
        gpiod_chip_close(m_chip);
}

bool GpiodV1EdgeSource::start()
{
    if (!openChip() || !requestLine())
        return false;
    m_notifier = new QSocketNotifier(gpiod_line_event_get_fd(m_line), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &GpiodV1EdgeSource::readEvents);
    qCInfo(lcGpiod, "watching line %d of %s (%s), both edges%s (libgpiod %s)", m_lineOffset,
           gpiod_chip_name(m_chip), gpiod_chip_label(m_chip), m_activeLow ? ", active low" : "",
           gpiod_version_string());
    return true;
}

bool GpiodV1EdgeSource::openChip()
{
    // A path is opened as given; anything else (gpiochip0, 0, a label) goes through libgpiod's
    // lookup, which tries it as a number, a label and a name under /dev.
    const QByteArray chip = m_chipSetting.toLocal8Bit();
    const bool isPath = m_chipSetting.startsWith(u'/');
    errno = 0;
    m_chip = isPath ? gpiod_chip_open(chip.constData()) : gpiod_chip_open_lookup(chip.constData());
    if (!m_chip) {
        const GpioErrors::Error error =
            GpioErrors::chipNotOpened(GpioErrors::chipPath(m_chipSetting), errno);
        return fail(error.setting, error.message);
    }
    m_chipName = QString::fromLocal8Bit(gpiod_chip_name(m_chip));
    return true;
}

bool GpiodV1EdgeSource::requestLine()
{
    const unsigned int lineCount = gpiod_chip_num_lines(m_chip);
    GpioErrors::Error error;
    if (m_lineOffset < 0 || unsigned(m_lineOffset) >= lineCount) {
        error = GpioErrors::noSuchLine(m_chipName, m_lineOffset, int(lineCount));
        return fail(error.setting, error.message);
    }
    m_line = gpiod_chip_get_line(m_chip, unsigned(m_lineOffset));
    if (!m_line) {
        error = GpioErrors::lineNotFound(m_chipName, m_lineOffset, errno);
        return fail(error.setting, error.message);
    }

    const int flags = m_activeLow ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
    if (gpiod_line_request_both_edges_events_flags(m_line, Consumer, flags) == 0)
        return true;
    const int requestError = errno;
    m_line = nullptr; // not requested: nothing to release
    if (requestError == EBUSY) {
        gpiod_line *line = gpiod_chip_get_line(m_chip, unsigned(m_lineOffset));
        if (line)
            gpiod_line_update(line);
        const char *holder = line && gpiod_line_is_used(line) ? gpiod_line_consumer(line) : nullptr;
        error = GpioErrors::lineBusy(m_chipName, m_lineOffset,
                                     holder ? QString::fromLocal8Bit(holder) : QString());
    } else {
        error = GpioErrors::lineNotRequested(m_chipName, m_lineOffset, requestError);
    }
    return fail(error.setting, error.message);
}

// Reads one batch of queued events; false with errno set when the read failed.
bool GpiodV1EdgeSource::readPending()
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

void GpiodV1EdgeSource::readEvents()
{
    // Everything the kernel queued since the last wake-up, each with its own timestamp, so that
    // a burst of bounces is debounced on when it happened, not on when we got to read it. The
    // read blocks on an empty queue, so another batch is read only while a zero wait says one
    // is there.
    const timespec noWait{0, 0};
    bool ok = readPending();
    while (ok && gpiod_line_event_wait(m_line, &noWait) == 1)
        ok = readPending();
    if (ok || errno == EAGAIN || errno == EINTR)
        return;
    // The chip went away (unbound driver, unplugged expander): the notifier would fire
    // forever on the broken fd, so stop watching and let the owner end the program.
    const int error = errno;
    m_notifier->setEnabled(false);
    setErrorString(GpioErrors::readFailed(m_chipName, m_lineOffset, error));
    Q_EMIT failed();
}

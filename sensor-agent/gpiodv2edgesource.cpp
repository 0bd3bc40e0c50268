#include "gpiodv2edgesource.h"

#include "gpioderrors.h"
#include "monotonicclock.h"

#include <QDir>
#include <QFileInfo>

#include <gpiod.h>

#include <cerrno>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// One read takes at most this many events; GpioLineSource reads again while more are queued.
constexpr int ReadBatch = 16;

// libgpiod 2 hands out objects that each have their own free function.
template <auto Free> struct Freer
{
    template <typename T> void operator()(T *object) const { Free(object); }
};
using ChipInfo = std::unique_ptr<gpiod_chip_info, Freer<gpiod_chip_info_free>>;
using LineInfo = std::unique_ptr<gpiod_line_info, Freer<gpiod_line_info_free>>;
using LineSettings = std::unique_ptr<gpiod_line_settings, Freer<gpiod_line_settings_free>>;
using LineConfig = std::unique_ptr<gpiod_line_config, Freer<gpiod_line_config_free>>;
using RequestConfig = std::unique_ptr<gpiod_request_config, Freer<gpiod_request_config_free>>;

// The chip whose driver calls itself label, looked for on every GPIO chip under /dev. Chips that
// cannot be opened are passed over, and a label found nowhere leaves errno at ENOENT: what
// libgpiod 1's lookup does, so that both sources say the same.
gpiod_chip *openByLabel(const QString &label)
{
    const QByteArray wanted = label.toLocal8Bit();
    const QDir dev(u"/dev"_s);
    const QStringList names =
        dev.entryList({u"gpiochip*"_s}, QDir::System | QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const QByteArray path = dev.filePath(name).toLocal8Bit();
        if (!gpiod_is_gpiochip_device(path.constData()))
            continue;
        gpiod_chip *chip = gpiod_chip_open(path.constData());
        if (!chip)
            continue;
        const ChipInfo info(gpiod_chip_get_info(chip));
        if (info && wanted == gpiod_chip_info_get_label(info.get()))
            return chip;
        gpiod_chip_close(chip);
    }
    errno = ENOENT;
    return nullptr;
}

} // namespace

GpiodV2EdgeSource::GpiodV2EdgeSource(const QString &chip, int line, bool activeLow, QObject *parent)
    : GpioLineSource(chip, line, activeLow, gpiod_api_version(), parent)
{}

GpiodV2EdgeSource::~GpiodV2EdgeSource()
{
    stopWatching();
    if (m_request)
        gpiod_line_request_release(m_request);
    if (m_events)
        gpiod_edge_event_buffer_free(m_events);
    if (m_chip)
        gpiod_chip_close(m_chip);
}

int GpiodV2EdgeSource::open()
{
    return openChip() && requestLine() ? gpiod_line_request_get_fd(m_request) : -1;
}

bool GpiodV2EdgeSource::openChip()
{
    // libgpiod 2 has no lookup of its own: a path is opened as given, a number N as
    // /dev/gpiochipN, a name as /dev/<name>; a name with no such node is taken as a label.
    const QString path = GpioErrors::chipPath(m_chipSetting);
    const bool isName = !m_chipSetting.startsWith(u'/') && path == u"/dev/"_s + m_chipSetting;
    errno = 0;
    if (isName && !QFileInfo::exists(path))
        m_chip = openByLabel(m_chipSetting);
    else
        m_chip = gpiod_chip_open(path.toLocal8Bit().constData());
    const ChipInfo info(m_chip ? gpiod_chip_get_info(m_chip) : nullptr);
    if (!info) {
        return fail(GpioErrors::chipNotOpened(path, errno));
    }
    m_chipName = QString::fromLocal8Bit(gpiod_chip_info_get_name(info.get()));
    m_chipLabel = QString::fromLocal8Bit(gpiod_chip_info_get_label(info.get()));
    m_lineCount = int(gpiod_chip_info_get_num_lines(info.get()));
    return true;
}

bool GpiodV2EdgeSource::requestLine()
{
    if (m_lineOffset < 0 || m_lineOffset >= m_lineCount)
        return fail(GpioErrors::noSuchLine(m_chipName, m_lineOffset, m_lineCount));

    const unsigned int offset = unsigned(m_lineOffset);
    errno = 0; // from here on, whatever fails leaves its own errno (ENOMEM, EBUSY, ...)
    const LineSettings settings(gpiod_line_settings_new());
    const LineConfig lineConfig(gpiod_line_config_new());
    const RequestConfig requestConfig(gpiod_request_config_new());
    m_events = gpiod_edge_event_buffer_new(ReadBatch);
    if (settings && lineConfig && requestConfig && m_events) {
        gpiod_line_settings_set_active_low(settings.get(), m_activeLow);
        gpiod_request_config_set_consumer(requestConfig.get(), Consumer);
        // The monotonic clock is the default; said here because MonotonicClock relies on it.
        if (gpiod_line_settings_set_direction(settings.get(), GPIOD_LINE_DIRECTION_INPUT) == 0 &&
            gpiod_line_settings_set_edge_detection(settings.get(), GPIOD_LINE_EDGE_BOTH) == 0 &&
            gpiod_line_settings_set_event_clock(settings.get(), GPIOD_LINE_CLOCK_MONOTONIC) == 0 &&
            gpiod_line_config_add_line_settings(lineConfig.get(), &offset, 1, settings.get()) ==
                0) {
            m_request = gpiod_chip_request_lines(m_chip, requestConfig.get(), lineConfig.get());
            if (m_request)
                return true;
        }
    }
    const int requestError = errno;
    if (requestError != EBUSY)
        return fail(GpioErrors::lineNotRequested(m_chipName, m_lineOffset, requestError));
    const LineInfo line(gpiod_chip_get_line_info(m_chip, offset));
    const char *holder = line && gpiod_line_info_is_used(line.get())
                             ? gpiod_line_info_get_consumer(line.get())
                             : nullptr;
    return fail(GpioErrors::lineBusy(m_chipName, m_lineOffset,
                                     holder ? QString::fromLocal8Bit(holder) : QString()));
}

bool GpiodV2EdgeSource::readBatch()
{
    const int count = gpiod_line_request_read_edge_events(m_request, m_events, ReadBatch);
    if (count < 0)
        return false;
    for (int i = 0; i < count; ++i) {
        gpiod_edge_event *event =
            gpiod_edge_event_buffer_get_event(m_events, static_cast<unsigned long>(i));
        Q_EMIT edge(gpiod_edge_event_get_event_type(event) == GPIOD_EDGE_EVENT_RISING_EDGE,
                    MonotonicClock::fromKernelNs(qint64(gpiod_edge_event_get_timestamp_ns(event))));
    }
    return true;
}

bool GpiodV2EdgeSource::hasQueued()
{
    return gpiod_line_request_wait_edge_events(m_request, 0) == 1;
}

#include "gpiolinesource.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>

Q_LOGGING_CATEGORY(lcGpiod, "vigil.agent.gpio")

GpioLineSource::GpioLineSource(const QString &chip, int line, bool activeLow,
                               const char *libgpiodVersion, QObject *parent)
    : EdgeSource(parent)
    , m_chipSetting(chip)
    , m_lineOffset(line)
    , m_activeLow(activeLow)
    , m_libgpiodVersion(libgpiodVersion)
{}

bool GpioLineSource::start()
{
    const int fd = open();
    if (fd < 0)
        return false;
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &GpioLineSource::readEvents);
    qCInfo(lcGpiod, "watching line %d of %s (%s), both edges%s (libgpiod %s)", m_lineOffset,
           qUtf8Printable(m_chipName), qUtf8Printable(m_chipLabel),
           m_activeLow ? ", active low" : "", m_libgpiodVersion);
    return true;
}

void GpioLineSource::stopWatching()
{
    delete m_notifier;
    m_notifier = nullptr;
}

void GpioLineSource::readEvents()
{
    // Everything the kernel queued since the last wake-up, each with its own timestamp, so that
    // a burst of bounces is debounced on when it happened, not on when we got to read it.
    bool ok = readBatch();
    while (ok && hasQueued())
        ok = readBatch();
    if (ok || errno == EAGAIN || errno == EINTR)
        return;
    // The chip went away (unbound driver, unplugged expander): the notifier would fire
    // forever on the broken fd, so stop watching and let the owner end the program.
    const int error = errno;
    m_notifier->setEnabled(false);
    setErrorString(GpioErrors::readFailed(m_chipName, m_lineOffset, error));
    Q_EMIT failed();
}

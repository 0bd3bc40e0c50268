#pragma once

#include "edgesource.h"
#include "gpioderrors.h"

class QSocketNotifier;

// What both libgpiod edge sources share (GpiodV1EdgeSource, GpiodV2EdgeSource): the settings,
// the QSocketNotifier on the line's event fd (no thread, no polling), and reading everything
// the kernel queued at each wake-up. A subclass speaks one libgpiod API: it opens the chip and
// requests the line, reads one batch of events, and says whether more are queued.
class GpioLineSource : public EdgeSource
{
    Q_OBJECT
public:
    bool start() final;

    static constexpr const char *Consumer = "vigil-agent";

protected:
    GpioLineSource(const QString &chip, int line, bool activeLow, const char *libgpiodVersion,
                   QObject *parent);

    // Opens the chip (setting m_chipName and m_chipLabel) and requests both edges of the line:
    // the request's event fd, or -1 after fail().
    virtual int open() = 0;
    // Emits edge() for one batch of queued events; false with errno set when the read failed.
    virtual bool readBatch() = 0;
    // Whether more events are queued now (a zero-timeout wait): the read blocks on an empty queue.
    virtual bool hasQueued() = 0;

    using EdgeSource::fail;
    bool fail(const GpioErrors::Error &error) { return fail(error.setting, error.message); }
    // Subclasses call it first in their destructor: the notifier goes before the fd it watches.
    void stopWatching();

    const QString m_chipSetting;
    const int m_lineOffset;
    const bool m_activeLow;
    QString m_chipName;  // the kernel's name of the opened chip (gpiochip0), for the messages
    QString m_chipLabel; // the chip driver's label, for the log

private:
    void readEvents();

    const char *m_libgpiodVersion;
    QSocketNotifier *m_notifier = nullptr;
};

#pragma once

#include "edgesource.h"

struct gpiod_chip;
struct gpiod_line_request;
struct gpiod_edge_event_buffer;
class QSocketNotifier;

// One GPIO line through libgpiod 2.x (2.2: Debian 13 / Pi OS trixie), with the settings and the
// messages of the libgpiod 1 source: both edges requested with the consumer "vigil-agent",
// kernel timestamps on the monotonic clock, the request's fd watched by a QSocketNotifier (no
// thread, no polling), every queued event read. Owns the chip handle, the line request and the
// event buffer; all are released in the destructor. Compiled only when the build found
// libgpiod 2; the rest of the agent knows it as GpiodEdgeSource (gpiodedgesource.h).
class GpiodV2EdgeSource : public EdgeSource
{
    Q_OBJECT
public:
    GpiodV2EdgeSource(const QString &chip, int line, bool activeLow, QObject *parent = nullptr);
    ~GpiodV2EdgeSource() override;

    bool start() override;

    static constexpr const char *Consumer = "vigil-agent";

private:
    bool openChip();
    bool requestLine();
    bool readPending();
    void readEvents();

    QString m_chipSetting;
    QString m_chipName;  // the kernel's name of the opened chip (gpiochip0), for the messages
    QString m_chipLabel; // the chip driver's label, for the log
    int m_lineCount = 0;
    int m_lineOffset;
    bool m_activeLow;
    gpiod_chip *m_chip = nullptr;
    gpiod_line_request *m_request = nullptr;
    gpiod_edge_event_buffer *m_events = nullptr;
    QSocketNotifier *m_notifier = nullptr;
};

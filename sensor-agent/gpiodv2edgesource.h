#pragma once

#include "gpiolinesource.h"

struct gpiod_chip;
struct gpiod_line_request;
struct gpiod_edge_event_buffer;

// One GPIO line through libgpiod 2.x (2.2: Debian 13 / Pi OS trixie), with the settings and the
// messages of the libgpiod 1 source: both edges requested with the consumer "vigil-agent",
// kernel timestamps on the monotonic clock, every queued event read (the watching and draining
// are GpioLineSource's). Owns the chip handle, the line request and the event buffer; all are
// released in the destructor. Compiled only when the build found libgpiod 2; the rest of the
// agent knows it as GpiodEdgeSource (gpiodedgesource.h).
class GpiodV2EdgeSource final : public GpioLineSource
{
    Q_OBJECT
public:
    GpiodV2EdgeSource(const QString &chip, int line, bool activeLow, QObject *parent = nullptr);
    ~GpiodV2EdgeSource() override;

private:
    int open() override;
    bool readBatch() override;
    bool hasQueued() override;
    bool openChip();
    bool requestLine();

    int m_lineCount = 0;
    gpiod_chip *m_chip = nullptr;
    gpiod_line_request *m_request = nullptr;
    gpiod_edge_event_buffer *m_events = nullptr;
};

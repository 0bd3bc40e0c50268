#pragma once

#include "gpiolinesource.h"

struct gpiod_chip;
struct gpiod_line;

// One GPIO line through libgpiod 1.x (1.6: Debian 12 / Pi OS bookworm): both edges requested with
// the consumer "vigil-agent", every queued event read with its kernel timestamp (the watching
// and draining are GpioLineSource's). Owns the chip handle and the line request; both are
// released in the destructor. Compiled only when the build found libgpiod 1; the rest of the
// agent knows it as GpiodEdgeSource (gpiodedgesource.h).
class GpiodV1EdgeSource final : public GpioLineSource
{
    Q_OBJECT
public:
    GpiodV1EdgeSource(const QString &chip, int line, bool activeLow, QObject *parent = nullptr);
    ~GpiodV1EdgeSource() override;

private:
    int open() override;
    bool readBatch() override;
    bool hasQueued() override;
    bool openChip();
    bool requestLine();

    gpiod_chip *m_chip = nullptr;
    gpiod_line *m_line = nullptr;
};

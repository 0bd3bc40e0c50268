#pragma once

#include "edgesource.h"

struct gpiod_chip;
struct gpiod_line;
class QSocketNotifier;

// One GPIO line through libgpiod 1.x (1.6: Debian 12 / Pi OS bookworm): both edges requested with
// the consumer "vigil-agent", the line's event fd watched by a QSocketNotifier (no thread, no
// polling), every queued event read with its kernel timestamp. Owns the chip handle and the
// line request; both are released in the destructor. Compiled only when the build found
// libgpiod 1; the rest of the agent knows it as GpiodEdgeSource (gpiodedgesource.h).
class GpiodV1EdgeSource : public EdgeSource
{
    Q_OBJECT
public:
    GpiodV1EdgeSource(const QString &chip, int line, bool activeLow, QObject *parent = nullptr);
    ~GpiodV1EdgeSource() override;

    bool start() override;

    static constexpr const char *Consumer = "vigil-agent";

private:
    bool openChip();
    bool requestLine();
    bool readPending();
    void readEvents();

    QString m_chipSetting;
    QString m_chipName; // the kernel's name of the opened chip (gpiochip0), for the messages
    int m_lineOffset;
    bool m_activeLow;
    gpiod_chip *m_chip = nullptr;
    gpiod_line *m_line = nullptr;
    QSocketNotifier *m_notifier = nullptr;
};

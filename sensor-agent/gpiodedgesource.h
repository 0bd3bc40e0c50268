#pragma once

#include "edgesource.h"

struct gpiod_chip;
struct gpiod_line;
class QSocketNotifier;

// One GPIO line through libgpiod 1.6 (Debian 12 / Pi OS bookworm): both edges requested with
// the consumer "vigil-agent", the line's event fd watched by a QSocketNotifier (no thread, no
// polling), every queued event read with its kernel timestamp. Owns the chip handle and the
// line request; both are released in the destructor. A libgpiod 2.x variant would be a sibling
// file implementing the same EdgeSource, chosen at build time.
class GpiodEdgeSource : public EdgeSource
{
    Q_OBJECT
public:
    GpiodEdgeSource(const QString &chip, int line, bool activeLow, QObject *parent = nullptr);
    ~GpiodEdgeSource() override;

    bool start() override;

    static constexpr const char *Consumer = "vigil-agent";

private:
    bool openChip();
    bool requestLine();
    void readEvents();

    QString m_chipName;
    int m_lineOffset;
    bool m_activeLow;
    gpiod_chip *m_chip = nullptr;
    gpiod_line *m_line = nullptr;
    QSocketNotifier *m_notifier = nullptr;
};

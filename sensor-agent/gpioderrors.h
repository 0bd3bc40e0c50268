#pragma once

#include <QString>

// The words of the GPIO edge sources' errors, written once for both libgpiod APIs (v1 in
// GpiodV1EdgeSource, v2 in GpiodV2EdgeSource): a user reads the same message, naming the same
// setting, whichever libgpiod the agent was built against. Plain functions, no state.
namespace GpioErrors {

struct Error
{
    QString setting; // the setting to fix: GPIO_CHIP or SENSOR_PIN
    QString message;
};

// The device node a GPIO_CHIP value stands for: a path as given, a number N as /dev/gpiochipN, a
// name as /dev/<name> (a label has no node of its own and is shown as if it were a name). The
// messages name it; the v2 source, which has no lookup of its own, opens it.
QString chipPath(const QString &chip);

// Opening the chip at path failed with errno error.
Error chipNotOpened(const QString &path, int error);

// The chip (by its kernel name, e.g. gpiochip0) has lineCount lines and line is not one of them.
Error noSuchLine(const QString &chipName, int line, int lineCount);
// libgpiod would not give a handle on the line (v1 only: v2 requests lines by offset).
Error lineNotFound(const QString &chipName, int line, int error);
// The line is requested by someone else: holder is its consumer, empty when the kernel has none.
Error lineBusy(const QString &chipName, int line, const QString &holder);
// Requesting both-edge events on the line failed with errno error (other than EBUSY).
Error lineNotRequested(const QString &chipName, int line, int error);

// Reading the line's events failed after start() (the chip went away).
QString readFailed(const QString &chipName, int line, int error);

} // namespace GpioErrors

#include "gpioderrors.h"

#include "agentsettings.h"

#include <QFileInfo>

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

const QString JoinGpioGroup =
    u"add the user to the 'gpio' group (sudo usermod -aG gpio $USER) and log in again"_s;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Digits only, as libgpiod 1's lookup reads a chip number (no sign, no spaces).
bool isNumber(const QString &text)
{
    return !text.isEmpty() &&
           std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

enum class Node { Missing, NotAGpioChip, GpioChip, Unknown };

// What is at path, seen the way the kernel sees it: a GPIO chip is a character device of the
// "gpio" bus. Unknown when it cannot be told (no permission to look, no /sys in a container).
Node nodeAt(const QString &path)
{
    struct stat status = {};
    if (::stat(path.toLocal8Bit().constData(), &status) != 0)
        return errno == ENOENT || errno == ENOTDIR ? Node::Missing : Node::Unknown;
    if (!S_ISCHR(status.st_mode))
        return Node::NotAGpioChip;
    const QString subsystem =
        QFileInfo(u"/sys/dev/char/%1:%2/subsystem"_s.arg(major(status.st_rdev))
                      .arg(minor(status.st_rdev)))
            .canonicalFilePath();
    if (subsystem.isEmpty())
        return Node::Unknown;
    return subsystem == u"/sys/bus/gpio"_s ? Node::GpioChip : Node::NotAGpioChip;
}

} // namespace

namespace GpioErrors {

QString chipPath(const QString &chip)
{
    if (chip.startsWith(u'/'))
        return chip;
    if (isNumber(chip))
        return u"/dev/gpiochip"_s + chip;
    return u"/dev/"_s + chip;
}

Error chipNotOpened(const QString &path, int error)
{
    // What is at the path decides, not the errno alone: libgpiod 1 opens the file before it
    // checks it and libgpiod 2 the other way round, so one file gives them different errnos (a
    // directory: EISDIR or ENOTTY; an unreadable device that is no GPIO chip: EACCES or ENODEV;
    // a device without a node in /sys: ENOTTY or ENOENT).
    const Node node = nodeAt(path);
    if (node == Node::Missing)
        return {AgentSettings::GpioChip,
                u"no such GPIO chip (%1 does not exist; see ls /dev/gpiochip*)"_s.arg(path)};
    Error notAChip{AgentSettings::GpioChip, u"%1 is not a GPIO chip character device"_s.arg(path)};
    if (node == Node::NotAGpioChip)
        return notAChip;
    if (error == EACCES || error == EPERM)
        return {AgentSettings::GpioChip,
                u"no permission to open %1; %2"_s.arg(path, JoinGpioGroup)};
    if (node == Node::Unknown &&
        (error == 0 || error == ENOENT || error == ENOTTY || error == ENODEV || error == EINVAL))
        return notAChip;
    return {AgentSettings::GpioChip, u"cannot open %1: %2"_s.arg(path, systemError(error))};
}

Error noSuchLine(const QString &chipName, int line, int lineCount)
{
    return {
        AgentSettings::SensorPin,
        u"%1 has no line %2 (it has lines 0 to %3)"_s.arg(chipName).arg(line).arg(lineCount - 1)};
}

Error lineNotFound(const QString &chipName, int line, int error)
{
    return {AgentSettings::SensorPin,
            u"cannot get line %1 of %2: %3"_s.arg(line).arg(chipName, systemError(error))};
}

Error lineBusy(const QString &chipName, int line, const QString &holder)
{
    return {AgentSettings::SensorPin,
            u"line %1 of %2 is busy, held by %3"_s.arg(line).arg(
                chipName, holder.isEmpty() ? u"another process or a kernel driver"_s
                                           : u"\"%1\""_s.arg(holder))};
}

Error lineNotRequested(const QString &chipName, int line, int error)
{
    if (error == EACCES || error == EPERM)
        return {
            AgentSettings::GpioChip,
            u"no permission to request line %1 of %2; %3"_s.arg(line).arg(chipName, JoinGpioGroup)};
    return {AgentSettings::SensorPin,
            u"cannot request edge events on line %1 of %2: %3"_s.arg(line).arg(chipName,
                                                                               systemError(error))};
}

QString readFailed(const QString &chipName, int line, int error)
{
    return u"cannot read events of line %1 of %2: %3"_s.arg(line).arg(chipName, systemError(error));
}

} // namespace GpioErrors

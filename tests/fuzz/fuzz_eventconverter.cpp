// An MQTT message as the bridge receives it: the topic up to the first newline, the payload
// after it, through the guide's conversion (shared/eventconverter).
#include "eventconverter.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const EventConverter converter = [] {
        EventConverter configured;
        configured.addTypeMap(u"PRESSURE_DETECTED=button_pressed,DOOR=door_opened"_s);
        return configured;
    }();
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf('\n');
    const QString topic =
        newline < 0 ? u"home/sensors/hall/motion"_s : QString::fromUtf8(input.left(newline));
    const QByteArrayView payload =
        newline < 0 ? QByteArrayView(input) : QByteArrayView(input).sliced(newline + 1);
    const EventConverter::Result result =
        converter.convert(payload, topic, 1764590400.5, u"00000000-0000-4000-8000-000000000000"_s);
    // A conversion either gives an event or says why not, never both or neither.
    if (result.event.has_value() == !result.error.isEmpty())
        __builtin_trap();
    return 0;
}

// A text message of the live feed as the dashboard receives it (dashboard/feedparser).
#include "feedparser.h"

#include <QCoreApplication>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FeedParser parser;
    int outcomes = 0;
    const auto count = [&outcomes] { ++outcomes; };
    const QMetaObject::Connection connections[] = {
        QObject::connect(&parser, &FeedParser::helloReceived, &parser, count),
        QObject::connect(&parser, &FeedParser::eventReceived, &parser, count),
        QObject::connect(&parser, &FeedParser::modeReceived, &parser, count),
        QObject::connect(&parser, &FeedParser::messageIgnored, &parser, count),
    };
    parser.handleMessage(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    for (const QMetaObject::Connection &connection : connections)
        QObject::disconnect(connection);
    // Every message is read or ignored with a reason; none vanishes.
    if (outcomes == 0)
        __builtin_trap();
    return 0;
}

#pragma once

#include "dashboardalarm.h"
#include "dashboardevent.h"
#include "feedlimits.h"
#include "jsonreader.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

// Reads the messages of vigil-server's /ws feed: {"kind": "hello", "mode", "alarm", "events"},
// {"kind": "event", "event"}, {"kind": "mode", "mode"} and {"kind": "alarm", "alarm"} (a server
// from before the alarm sends neither the hello's "alarm" nor alarm messages), each at most
// MaxMessageBytes and
// MaxDepth deep: limits above what the server sends, so that no event the server stored can make
// the dashboard drop a message (and with it the hello). What it reads it reports as typed values
// through its signals; a message that breaks the limits, is not JSON or is none of the four is
// dropped with a warning (and messageIgnored), so a bad message never costs the good ones. It knows
// no model and no socket. Owned by ServerConnection, whose WebSocket hands every text message to
// handleMessage(); GUI thread (any thread when used alone).
class FeedParser : public QObject
{
    Q_OBJECT
public:
    // The largest message the server sends (an event of its largest MAX_BODY in its envelope, or
    // a hello, which it keeps within the same bound).
    static constexpr qsizetype MaxMessageBytes = FeedLimits::MaxMessageBytes;
    // The server takes an event JsonReader::DefaultMaxDepth deep; a hello holds it two levels
    // down (the message, its "events" array), an event message one.
    static constexpr int MaxDepth = JsonReader::DefaultMaxDepth + 2;

    // The system's mode as the server states it: {"mode": "active"|"surveillance",
    // "changed_at": "…Z"}.
    struct Mode
    {
        QString name;
        QDateTime changedAt; // invalid when the server sent none
    };

    // The first message of every connection: the mode, the alarm and the newest stored events.
    struct Hello
    {
        std::optional<Mode> mode;            // nullopt when the server's mode was unreadable
        std::optional<DashboardAlarm> alarm; // nullopt: a server without the alarm (or unreadable)
        QList<DashboardEvent> events; // in the server's order (newest first), unreadable left out
    };

    using QObject::QObject;

    // A mode object as the feed and PUT /api/mode send it; nullopt and *error for an unknown mode.
    static std::optional<Mode> readMode(const QJsonObject &object, QString *error);

    // One text message of the feed, as the WebSocket delivers it.
    void handleMessage(const QString &message);

Q_SIGNALS:
    void helloReceived(const FeedParser::Hello &hello);
    void eventReceived(const DashboardEvent &event);
    void modeReceived(const FeedParser::Mode &mode);
    void alarmReceived(const DashboardAlarm &alarm);
    void messageIgnored(const QString &reason);

private:
    void readHello(const QJsonObject &message);
    void ignore(const QString &reason);
};

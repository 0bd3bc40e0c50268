#include "feedparser.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcFeed, "vigil.dashboard.feed")

using namespace Qt::StringLiterals;

std::optional<FeedParser::Mode> FeedParser::readMode(const QJsonObject &object, QString *error)
{
    const QString name = object.value("mode"_L1).toString();
    if (name != "active"_L1 && name != "surveillance"_L1) {
        if (error)
            *error = u"unknown mode \"%1\""_s.arg(name);
        return std::nullopt;
    }
    return Mode{name,
                QDateTime::fromString(object.value("changed_at"_L1).toString(), Qt::ISODateWithMs)};
}

void FeedParser::handleMessage(const QString &message)
{
    QString error;
    const auto object =
        JsonReader::readObject(message.toUtf8(), &error, {MaxMessageBytes, MaxDepth});
    if (!object)
        return ignore(u"ignoring a feed message: "_s + error);
    const QString kind = object->value("kind"_L1).toString();
    if (kind == "hello"_L1)
        return readHello(*object);
    if (kind == "event"_L1) {
        const auto event = DashboardEvent::fromJson(object->value("event"_L1).toObject(), &error);
        if (!event)
            return ignore(u"ignoring a feed event: "_s + error);
        Q_EMIT eventReceived(*event);
        return;
    }
    if (kind == "mode"_L1) {
        const auto mode = readMode(object->value("mode"_L1).toObject(), &error);
        if (!mode)
            return ignore(u"ignoring a mode message: "_s + error);
        Q_EMIT modeReceived(*mode);
        return;
    }
    if (kind == "alarm"_L1) {
        const auto alarm = DashboardAlarm::fromJson(object->value("alarm"_L1).toObject(), &error);
        if (!alarm)
            return ignore(u"ignoring an alarm message: "_s + error);
        Q_EMIT alarmReceived(*alarm);
        return;
    }
    // A kind of a newer server: not an error, so only a debug line.
    qCDebug(lcFeed) << "ignoring a feed message of kind" << kind;
    Q_EMIT messageIgnored(u"unknown kind \"%1\""_s.arg(kind));
}

void FeedParser::readHello(const QJsonObject &message)
{
    Hello hello;
    QString error;
    hello.mode = readMode(message.value("mode"_L1).toObject(), &error);
    if (!hello.mode)
        qCWarning(lcFeed).noquote() << "hello without a readable mode:" << error;
    // An older server has no alarm: the views fall back to the mode switch.
    if (message.contains("alarm"_L1)) {
        hello.alarm = DashboardAlarm::fromJson(message.value("alarm"_L1).toObject(), &error);
        if (!hello.alarm)
            qCWarning(lcFeed).noquote() << "hello without a readable alarm:" << error;
    }
    const QJsonArray events = message.value("events"_L1).toArray();
    hello.events.reserve(events.size());
    for (const auto &value : events) {
        if (const auto event = DashboardEvent::fromJson(value.toObject(), &error))
            hello.events.append(*event);
        else
            qCWarning(lcFeed).noquote() << "skipping a hello event:" << error;
    }
    qCInfo(lcFeed) << "hello:" << hello.events.size() << "events, mode"
                   << (hello.mode ? hello.mode->name : u"unknown"_s) << "alarm"
                   << (hello.alarm ? hello.alarm->state : u"none"_s);
    Q_EMIT helloReceived(hello);
}

void FeedParser::ignore(const QString &reason)
{
    qCWarning(lcFeed).noquote() << reason;
    Q_EMIT messageIgnored(reason);
}

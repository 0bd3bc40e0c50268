#include "guideoutboxevents.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

OutboxEvent GuideOutboxEvents::motion(int n)
{
    OutboxEvent event;
    event.eventId = u"ev-%1"_s.arg(n);
    event.type = u"motion_detected"_s;
    event.body = QJsonDocument(QJsonObject{
                                   {"type"_L1, event.type},
                                   {"device_id"_L1, u"raspberry-1"_s},
                                   {"details"_L1, QJsonObject{{"event_id"_L1, event.eventId}}},
                               })
                     .toJson(QJsonDocument::Compact);
    event.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    return event;
}

QList<OutboxEvent> GuideOutboxEvents::motions(int from, int count)
{
    QList<OutboxEvent> events;
    for (int n = from; n < from + count; ++n)
        events.append(motion(n));
    return events;
}

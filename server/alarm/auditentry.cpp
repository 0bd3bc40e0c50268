#include "auditentry.h"

#include "storedevent.h"

using namespace Qt::StringLiterals;

QJsonObject AuditEntry::toJson() const
{
    return {{u"id"_s, id},
            {u"at"_s, StoredEvent::formatTime(atMs)},
            {u"action"_s, action},
            {u"by"_s, by.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(by)},
            {u"detail"_s, detail}};
}

#pragma once

#include <QJsonObject>
#include <QVariant>

// details.event_id as the de-duplication key, with its JSON type kept: the store's event_id
// column has no type affinity, so SQLite keeps each key in the class it is bound with and the
// integer 5, the string "5" and the boolean true are three different keys (5 and 5.0 are the
// same number). An empty string, an object, an array, null or no event_id is NULL: never
// de-duplicated. Stateless.
class EventIdKey
{
public:
    static QVariant of(const QJsonObject &details);
};

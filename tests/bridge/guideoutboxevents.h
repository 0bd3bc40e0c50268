#pragma once

#include "outbox.h"

#include <QList>

// Outbox entries as the bridge makes them from a motion event of the guide: ids ev-<n>, a
// backend body with that event_id, received now. For the tests that fill an outbox by hand.
namespace GuideOutboxEvents {
OutboxEvent motion(int n);
QList<OutboxEvent> motions(int from, int count); // ev-<from> .. ev-<from + count - 1>
} // namespace GuideOutboxEvents

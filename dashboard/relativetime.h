#pragma once

#include <QDateTime>
#include <QString>

#include <functional>

// "just now", "5 min ago", "3 h ago", then a date: the age of an event as a wall screen shows
// it. `now` is passed in so that the models can run on an injected clock in tests.
namespace RelativeTime {

using Clock = std::function<QDateTime()>;

QString format(const QDateTime &then, const QDateTime &now);

Clock systemClock();

} // namespace RelativeTime

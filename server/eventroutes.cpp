#include "eventroutes.h"

#include "backendevent.h"
#include "eventstore.h"
#include "jsonreader.h"
#include "livefeed.h"
#include "servermetrics.h"
#include "utctime.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEvents, "vigil.server.events")

namespace {

const QString EventsPath = u"/api/events"_s;

// What `since` may be as Unix seconds: the years 1 to 9999, as ISO 8601 allows. Anything beyond
// (1e300, inf, nan) would not fit milliseconds in 64 bits, and the conversion would be undefined.
constexpr double MinSinceSeconds = -62135596800.0;
constexpr double MaxSinceSeconds = 253402300799.0;

// `since`: Unix seconds (decimals allowed) or ISO 8601; a time without a zone is taken as UTC.
std::optional<qint64> parseSince(const QString &text)
{
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (isNumber) {
        // NaN fails both comparisons.
        if (!(seconds >= MinSinceSeconds && seconds <= MaxSinceSeconds))
            return std::nullopt;
        return qint64(seconds * 1000.0);
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    return UtcTime::assumedUtc(time).toMSecsSinceEpoch();
}

std::optional<qint64> parsePositive(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 1)
        return std::nullopt;
    return value;
}

HttpReply storeFailure(const QString &error)
{
    qCWarning(lcEvents) << "store failed:" << error;
    return HttpReply::error(503, u"storage unavailable, try again"_s);
}

} // namespace

std::optional<HttpReply> EventRoutes::handle(const QHttpServerRequest &request, const QString &path)
{
    using Method = QHttpServerRequest::Method;
    if (path == EventsPath) {
        if (request.method() == Method::Post)
            return post(request);
        if (request.method() == Method::Get)
            return list(request);
        return HttpReply::methodNotAllowed("GET, POST"_ba);
    }
    if (path.startsWith(EventsPath + u'/')) {
        if (request.method() != Method::Get)
            return HttpReply::methodNotAllowed("GET"_ba);
        return one(path.mid(EventsPath.size() + 1));
    }
    return std::nullopt;
}

NewEvent EventRoutes::toNewEvent(const QJsonObject &object, const ModeState &mode) const
{
    NewEvent event;
    event.type = object.value("type"_L1).toString();
    event.deviceId = object.value("device_id"_L1).toString();
    event.details = object.value("details"_L1).toObject();
    event.alert = m_alertRule.raisesAlert(mode, event.type);
    return event;
}

HttpReply EventRoutes::post(const QHttpServerRequest &request)
{
    QString error;
    const std::optional<QJsonValue> document = JsonReader::readValue(
        request.body(), &error, {m_context.maxBody, JsonReader::DefaultMaxDepth});
    if (!document)
        return HttpReply::error(400, u"body: "_s + error);
    if (document->isArray())
        return postBatch(document->toArray());
    if (!document->isObject())
        return HttpReply::error(400, u"body: expected an event object or an array "
                                     "of event objects"_s);
    return postOne(document->toObject());
}

HttpReply EventRoutes::postOne(const QJsonObject &object)
{
    const QString invalid = BackendEvent::validate(object);
    if (!invalid.isEmpty()) {
        m_context.metrics->addRejected(1);
        return HttpReply::error(400, invalid);
    }
    QString error;
    const auto outcomes = m_context.store->insert({toNewEvent(object, m_context.store->mode())},
                                                  m_alertRule.receivedAtMs(), true, &error);
    if (!outcomes)
        return storeFailure(error);
    const InsertOutcome &outcome = outcomes->constFirst();
    if (outcome.duplicate) {
        m_context.metrics->addDuplicates(1);
        return HttpReply::json(200, outcome.event.toJson());
    }
    m_context.metrics->addStored(1);
    m_context.feed->broadcastEvents({outcome.event});
    return HttpReply::json(201, outcome.event.toJson());
}

HttpReply EventRoutes::postBatch(const QJsonArray &array)
{
    if (array.size() > MaxBatch)
        return HttpReply::error(400, u"body: a batch of %1 events is over the "
                                     "limit of %2; nothing was stored"_s.arg(array.size())
                                         .arg(MaxBatch));
    const ModeState mode = m_context.store->mode();
    QList<NewEvent> accepted;
    accepted.reserve(array.size());
    QJsonArray rejected;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        const QString invalid = item.isObject() ? BackendEvent::validate(item.toObject())
                                                : u"event: expected a JSON object"_s;
        if (invalid.isEmpty())
            accepted.append(toNewEvent(item.toObject(), mode));
        else
            rejected.append(QJsonObject{{u"index"_s, i}, {u"error"_s, invalid}});
    }
    QList<StoredEvent> stored;
    qint64 duplicates = 0;
    if (!accepted.isEmpty()) {
        QString error;
        const auto outcomes =
            m_context.store->insert(accepted, m_alertRule.receivedAtMs(), false, &error);
        if (!outcomes)
            return storeFailure(error);
        for (const InsertOutcome &outcome : *outcomes) {
            if (outcome.duplicate)
                ++duplicates;
            else
                stored.append(outcome.event);
        }
    }
    m_context.metrics->addStored(stored.size());
    m_context.metrics->addDuplicates(duplicates);
    m_context.metrics->addRejected(rejected.size());
    m_context.feed->broadcastEvents(stored);
    return HttpReply::json(200, QJsonObject{{u"stored"_s, stored.size()},
                                            {u"duplicates"_s, duplicates},
                                            {u"rejected"_s, rejected}});
}

HttpReply EventRoutes::list(const QHttpServerRequest &request)
{
    const QUrlQuery query(request.url());
    auto item = [&query](const char *name) {
        return query.queryItemValue(QLatin1StringView(name), QUrl::FullyDecoded);
    };
    EventQuery filter;
    if (query.hasQueryItem(u"limit"_s)) {
        const auto limit = parsePositive(item("limit"));
        if (!limit)
            return HttpReply::error(400, u"limit: expected a whole number from 1 (64-bit)"_s);
        filter.limit = int(std::min<qint64>(*limit, MaxLimit));
    }
    if (query.hasQueryItem(u"before_id"_s)) {
        filter.beforeId = parsePositive(item("before_id"));
        if (!filter.beforeId)
            return HttpReply::error(400, u"before_id: expected a whole number from 1 (64-bit)"_s);
    }
    if (query.hasQueryItem(u"since"_s)) {
        filter.sinceMs = parseSince(item("since"));
        if (!filter.sinceMs)
            return HttpReply::error(400, u"since: expected ISO 8601 (e.g. "
                                         "2026-11-23T22:47:11Z) or Unix seconds of the years "
                                         "1 to 9999"_s);
    }
    filter.type = item("type");
    filter.deviceId = item("device_id");

    QString error;
    const auto events = m_context.store->query(filter, &error);
    if (!events)
        return storeFailure(error);
    QJsonArray array;
    for (const StoredEvent &event : *events)
        array.append(event.toJson());
    return HttpReply::json(200, array);
}

HttpReply EventRoutes::one(const QString &idText)
{
    const auto id = parsePositive(idText);
    if (!id)
        return HttpReply::error(404, u"no event with id %1"_s.arg(idText));
    QString error;
    const auto event = m_context.store->event(*id, &error);
    if (!event) {
        if (!error.isEmpty())
            return storeFailure(error);
        return HttpReply::error(404, u"no event with id %1"_s.arg(*id));
    }
    return HttpReply::json(200, event->toJson());
}

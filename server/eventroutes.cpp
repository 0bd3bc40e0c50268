#include "eventroutes.h"

#include "alarmservice.h"
#include "backendevent.h"
#include "eventmoment.h"
#include "eventstore.h"
#include "jsonreader.h"
#include "livefeed.h"
#include "querynumber.h"
#include "servermetrics.h"
#include "supervision.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEvents, "vigil.server.events")

namespace {

const QString EventsPath = u"/api/events"_s;

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

NewEvent EventRoutes::toNewEvent(const QJsonObject &object)
{
    NewEvent event;
    event.type = object.value("type"_L1).toString();
    event.deviceId = object.value("device_id"_L1).toString();
    event.details = object.value("details"_L1).toObject();
    return event;
}

// Judged by the alarm, stored with the alarm change they cause in one transaction; the caller
// adopts that change (AlarmService::adopt) once it has sent the events to the clients.
std::optional<QList<InsertOutcome>> EventRoutes::store(QList<NewEvent> &events, qint64 receivedAtMs,
                                                       bool fetchOriginals,
                                                       AlarmService::Batch *batch, QString *error)
{
    *batch = m_context.alarm->judge(events, receivedAtMs);
    return m_context.store->insert(events, receivedAtMs, fetchOriginals, error,
                                   m_context.alarm->applying(batch));
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
    QList<NewEvent> events{toNewEvent(object)};
    AlarmService::Batch batch;
    const auto outcomes = store(events, m_clock(), true, &batch, &error);
    if (!outcomes)
        return storeFailure(error);
    const InsertOutcome &outcome = outcomes->constFirst();
    if (outcome.duplicate) {
        m_context.metrics->addDuplicates(1);
        return HttpReply::json(200, outcome.event.toJson());
    }
    m_context.metrics->addStored(1);
    m_context.feed->broadcastEvents({outcome.event});
    m_context.alarm->adopt(batch);
    m_context.supervision->observe({outcome.event});
    return HttpReply::json(201, outcome.event.toJson());
}

HttpReply EventRoutes::postBatch(const QJsonArray &array)
{
    if (array.size() > MaxBatch)
        return HttpReply::error(400, u"body: a batch of %1 events is over the "
                                     "limit of %2; nothing was stored"_s.arg(array.size())
                                         .arg(MaxBatch));
    QList<NewEvent> accepted;
    accepted.reserve(array.size());
    QJsonArray rejected;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        const QString invalid = item.isObject() ? BackendEvent::validate(item.toObject())
                                                : u"event: expected a JSON object"_s;
        if (invalid.isEmpty())
            accepted.append(toNewEvent(item.toObject()));
        else
            rejected.append(QJsonObject{{u"index"_s, i}, {u"error"_s, invalid}});
    }
    QList<StoredEvent> stored;
    qint64 duplicates = 0;
    AlarmService::Batch batch;
    if (!accepted.isEmpty()) {
        QString error;
        const auto outcomes = store(accepted, m_clock(), false, &batch, &error);
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
    m_context.alarm->adopt(batch);
    m_context.supervision->observe(stored);
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
        const auto limit = QueryNumber::positive(item("limit"));
        if (!limit)
            return HttpReply::error(400, u"limit: expected a whole number from 1 (64-bit)"_s);
        filter.limit = int(std::min<qint64>(*limit, MaxLimit));
    }
    if (query.hasQueryItem(u"before_id"_s)) {
        filter.beforeId = QueryNumber::positive(item("before_id"));
        if (!filter.beforeId)
            return HttpReply::error(400, u"before_id: expected a whole number from 1 (64-bit)"_s);
    }
    if (query.hasQueryItem(u"since"_s)) {
        filter.sinceMs = EventMoment::parseText(item("since"));
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
    const auto id = QueryNumber::positive(idText);
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

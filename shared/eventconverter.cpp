#include "eventconverter.h"

#include "backendevent.h"
#include "jsonreader.h"
#include "sensorevent.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

using Pair = std::pair<QString, QString>;

// Splits "A=b, C=d" into pairs; returns what is wrong, or an empty string.
QString parsePairs(const QString &text, QList<Pair> *pairs)
{
    static const QRegularExpression targetPattern(u"^[a-z0-9_]{1,64}$"_s);
    const QStringList items = text.split(u',', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(u'=');
        const QString from = item.left(equals).trimmed();
        const QString to = item.mid(equals + 1).trimmed();
        if (item.trimmed().isEmpty())
            continue;
        if (equals < 0 || from.isEmpty())
            return u"'%1' is not a FROM=to pair"_s.arg(item.trimmed());
        if (!targetPattern.match(to).hasMatch())
            return u"'%1': the backend type must match [a-z0-9_]{1,64}"_s.arg(to);
        pairs->append({from, to});
    }
    return {};
}

} // namespace

EventConverter::EventConverter()
{
    addTypeMap(DefaultTypeMap);
}

QString EventConverter::typeMapProblem(const QString &pairs)
{
    QList<Pair> parsed;
    return parsePairs(pairs, &parsed);
}

QString EventConverter::addTypeMap(const QString &pairs)
{
    QList<Pair> parsed;
    QString problem = parsePairs(pairs, &parsed);
    if (!problem.isEmpty())
        return problem;
    for (const Pair &pair : std::as_const(parsed))
        m_typeMap.insert(pair.first, pair.second);
    return {};
}

QString EventConverter::mapType(const QString &type) const
{
    return m_typeMap.value(type, type.toLower());
}

EventConverter::Result EventConverter::convert(QByteArrayView payload, const QString &topic,
                                               double receivedAtSeconds,
                                               const QString &newEventId) const
{
    Result result;
    if (payload.size() > m_maxPayload) {
        result.error = u"payload of %1 bytes is over MAX_PAYLOAD (%2 bytes)"_s.arg(payload.size())
                           .arg(m_maxPayload);
        return result;
    }
    const std::optional<QJsonObject> object =
        JsonReader::readObject(payload, &result.error, {m_maxPayload, JsonReader::DefaultMaxDepth});
    if (!object)
        return result;
    const std::optional<SensorEvent> event = SensorEvent::fromJson(*object, &result.error);
    if (!event)
        return result;

    // Empty strings count as missing: an empty event_id would make every such event a
    // duplicate of the first one on the server.
    QString source = event->source;
    if (source.isEmpty())
        source = QString(topic).replace(u'/', u'-');
    const QJsonObject details{
        {"event_id"_L1, event->eventId.isEmpty() ? newEventId : event->eventId},
        {"source"_L1, source},
        {"data"_L1, event->data.value_or(QJsonObject())},
        {"original_timestamp"_L1,
         event->timestamp.isUndefined() ? QJsonValue(receivedAtSeconds) : event->timestamp},
        {"mqtt_topic"_L1, topic},
    };
    const QJsonObject converted{
        {"type"_L1, mapType(event->type)},
        {"device_id"_L1, event->deviceId.isEmpty() ? m_defaultDeviceId : event->deviceId},
        {"details"_L1, details},
    };
    const QString refusal = BackendEvent::validate(converted);
    if (!refusal.isEmpty()) {
        result.error = u"the server would refuse it: "_s + refusal;
        return result;
    }
    result.event = converted;
    return result;
}

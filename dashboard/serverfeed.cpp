// ServerConnection, second half: what the feed says (hello, event, mode) and the mode request.
// The first half (serverconnection.cpp) keeps the link up.
#include "serverconnection.h"

#include "jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcConnection)
Q_LOGGING_CATEGORY(lcFeed, "vigil.dashboard.feed")

using namespace Qt::StringLiterals;

void ServerConnection::handleMessage(const QString &message)
{
    m_lastHeard.start();
    QString error;
    const auto object = JsonReader::readObject(message.toUtf8(), &error);
    if (!object) {
        qCWarning(lcFeed).noquote() << "ignoring a feed message:" << error;
        return;
    }
    const QString kind = object->value("kind"_L1).toString();
    if (kind == "hello"_L1)
        handleHello(*object);
    else if (kind == "event"_L1)
        handleEvent(object->value("event"_L1).toObject());
    else if (kind == "mode"_L1)
        applyMode(object->value("mode"_L1).toObject());
    else
        qCDebug(lcFeed) << "ignoring a feed message of kind" << kind;
}

void ServerConnection::handleHello(const QJsonObject &message)
{
    applyMode(message.value("mode"_L1).toObject());
    const QJsonArray events = message.value("events"_L1).toArray();
    QList<DashboardEvent> parsed;
    for (const auto &value : events) {
        QString error;
        if (const auto event = DashboardEvent::fromJson(value.toObject(), &error))
            parsed.append(*event);
        else
            qCWarning(lcFeed).noquote() << "skipping a hello event:" << error;
    }
    qint64 lastKnown = m_events.newestId();
    qint64 newestSent = 0;
    qint64 oldestSent = 0;
    for (const DashboardEvent &event : parsed) {
        newestSent = std::max(newestSent, event.id);
        oldestSent = oldestSent == 0 ? event.id : std::min(oldestSent, event.id);
    }
    if (newestSent > 0 && newestSent < lastKnown) {
        // The server's newest event is older than ours: it has a new database. Start over.
        qCInfo(lcFeed) << "the server's history restarted; reloading";
        m_events.clear();
        lastKnown = 0;
    }
    const bool reconnect = lastKnown > 0;
    m_caughtUpCount = 0;
    for (const DashboardEvent &event : parsed) {
        // On the first hello the events are history; after an outage the new ones were missed
        // live, so their alerts still ring.
        if (m_events.add(event) && reconnect && event.id > lastKnown) {
            ++m_caughtUpCount;
            m_alert.raise(event);
        }
    }
    qCInfo(lcFeed) << "hello:" << parsed.size() << "events, mode" << m_mode;
    if (reconnect && oldestSent > lastKnown + 1)
        m_catchUp.start(lastKnown, oldestSent, m_events.capacity());
    else if (reconnect)
        Q_EMIT caughtUp(m_caughtUpCount);
    if (!m_hasData) {
        m_hasData = true;
        Q_EMIT hasDataChanged();
    }
}

void ServerConnection::handleEvent(const QJsonObject &object)
{
    QString error;
    const auto event = DashboardEvent::fromJson(object, &error);
    if (!event) {
        qCWarning(lcFeed).noquote() << "ignoring a feed event:" << error;
        return;
    }
    if (!m_events.add(*event))
        return;
    m_alert.raise(*event);
    // A status change or a sensor never seen before: the server's view of the devices is the
    // reference, fetch it again (once per burst).
    if (!m_devices.applyEvent(*event) || event->isStatus())
        m_deviceRefresh.start();
}

void ServerConnection::applyMode(const QJsonObject &mode)
{
    const QString name = mode.value("mode"_L1).toString();
    if (name != "active"_L1 && name != "surveillance"_L1) {
        qCWarning(lcFeed) << "ignoring an unknown mode" << name;
        return;
    }
    const QDateTime changedAt =
        QDateTime::fromString(mode.value("changed_at"_L1).toString(), Qt::ISODateWithMs);
    if (name == m_mode && changedAt == m_modeChangedAt)
        return;
    m_mode = name;
    m_modeChangedAt = changedAt;
    qCInfo(lcFeed) << "mode is" << m_mode;
    Q_EMIT modeChanged();
}

void ServerConnection::setMode(const QString &mode)
{
    if (mode != "active"_L1 && mode != "surveillance"_L1) {
        qCWarning(lcConnection) << "not a mode:" << mode;
        return;
    }
    Q_EMIT modeChangeRequested(mode);
    setModeChangePending(true);
    m_api.put(u"/api/mode"_s, QJsonDocument(QJsonObject{{u"mode"_s, mode}}), this,
              [this](const DashboardApi::Reply &reply) {
                  setModeChangePending(false);
                  if (reply.ok() && reply.body.isObject()) {
                      applyMode(reply.body.object());
                      return;
                  }
                  const QString error =
                      tr("Could not change the mode: %1")
                          .arg(reply.ok() ? u"unexpected answer"_s : reply.errorString);
                  qCWarning(lcConnection).noquote() << error;
                  setErrorString(error);
                  Q_EMIT modeChangeFailed(error);
              });
}

void ServerConnection::toggleMode()
{
    setMode(isSurveillance() ? u"active"_s : u"surveillance"_s);
}

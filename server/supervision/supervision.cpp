#include "supervision.h"

#include "alarmstore.h"

#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSupervision, "vigil.server.supervision")

namespace {

// QTimer takes an int of milliseconds: a longer wait simply looks again.
constexpr qint64 MaxTimerMs = 60LL * 60 * 1000;

} // namespace

Supervision::Supervision(AlarmStore *store, Options options, Armed armed, Clock clock,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_options(options)
    , m_armed(std::move(armed))
    , m_clock(std::move(clock))
    , m_bridges(options.heartbeatTimeoutMs)
    , m_sensors(options.offlineGraceMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Supervision::check);
}

bool Supervision::start(QString *error)
{
    const auto known = m_store->knownBridges(error);
    if (!known)
        return false;
    m_bridges.restore(*known, m_clock());
    armTimer();
    return true;
}

BridgeRegistry::Heartbeat Supervision::heartbeat(const QString &bridgeId, qint64 outboxDepth,
                                                 qint64 deadLetters)
{
    const auto result = m_bridges.heartbeat(bridgeId, outboxDepth, deadLetters, m_clock());
    if (result == BridgeRegistry::Heartbeat::BackOnline && m_reportedSites.removeAll(bridgeId))
        raise(u"site_online"_s, bridgeId, u"bridge %1 is heard again"_s.arg(bridgeId));
    if (result == BridgeRegistry::Heartbeat::New) {
        QString error;
        // Not fatal: the bridge is tracked now, it is only forgotten by a restart.
        if (!m_store->saveKnownBridges(m_bridges.ids(), &error))
            qCWarning(lcSupervision) << "cannot store the bridges seen:" << error;
        qCInfo(lcSupervision).noquote() << u"bridge %1 seen"_s.arg(bridgeId);
    }
    armTimer();
    return result;
}

void Supervision::observe(const QList<StoredEvent> &stored)
{
    bool changed = false;
    for (const StoredEvent &event : stored) {
        const bool online = event.type == u"sensor_online";
        if (!online && event.type != u"sensor_offline")
            continue;
        const SensorSupervisor::Sensor sensor{event.deviceId,
                                              event.details.value("source"_L1).toString()};
        const auto report = m_sensors.status(sensor, online, m_armed(), m_clock());
        changed = true;
        if (report) {
            const QString subject = sensor.first + u'/' + sensor.second;
            raise(report->online ? u"sensor_online"_s : u"sensor_offline"_s, subject,
                  report->online ? u"sensor %1 is back"_s.arg(subject)
                                 : u"sensor %1 is offline"_s.arg(subject));
        }
    }
    if (changed)
        armTimer();
}

void Supervision::check()
{
    const qint64 now = m_clock();
    const bool armed = m_armed();
    for (const QString &bridgeId : m_bridges.expire(now)) {
        qCWarning(lcSupervision).noquote() << u"bridge %1 silent for %2 s"_s.arg(bridgeId).arg(
            m_options.heartbeatTimeoutMs / 1000);
        // Disarmed, a silent house is shown (GET /api/bridges) but nobody is alarmed.
        if (!armed)
            continue;
        m_reportedSites.append(bridgeId);
        raise(
            u"site_offline"_s, bridgeId,
            u"bridge %1 silent for %2 s"_s.arg(bridgeId).arg(m_options.heartbeatTimeoutMs / 1000));
    }
    for (const SensorSupervisor::Report &report : m_sensors.expire(now)) {
        const QString subject = report.sensor.first + u'/' + report.sensor.second;
        raise(u"sensor_offline"_s, subject,
              u"sensor %1 offline for %2 s"_s.arg(subject).arg(m_options.offlineGraceMs / 1000));
    }
    armTimer();
}

void Supervision::armTimer()
{
    std::optional<qint64> next = m_bridges.nextDeadlineMs();
    if (const auto sensors = m_sensors.nextDeadlineMs(); sensors && (!next || *sensors < *next))
        next = sensors;
    if (!next) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::clamp<qint64>(*next - m_clock(), 0, MaxTimerMs)));
}

void Supervision::raise(const QString &kind, const QString &subject, const QString &detail)
{
    qCWarning(lcSupervision).noquote() << kind << detail;
    QString error;
    if (!m_store->appendAudit({{0, m_clock(), kind, {}, detail}}, &error))
        qCWarning(lcSupervision) << "cannot write the audit log:" << error;
    Q_EMIT raised(kind, subject);
}

#include "alarmservice.h"

#include "alarmstore.h"
#include "eventmoment.h"
#include "livefeed.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAlarm, "vigil.server.alarm")

namespace {

// A timer never waits longer than this at once (QTimer takes an int of milliseconds); it simply
// looks again.
constexpr qint64 MaxTimerMs = 60LL * 60 * 1000;
// A change that could not be stored (a full disk) is tried again this soon.
constexpr int RetryMs = 1000;

QString sourceOf(const QJsonObject &details)
{
    return details.value("source"_L1).toString();
}

// `name`: the sensor's name, empty when it has none.
AuditEntry auditOf(const AlarmStatus &status, const QString &name)
{
    QString detail;
    if (status.triggeredBy && (status.state == AlarmStatus::State::Pending ||
                               status.state == AlarmStatus::State::Triggered)) {
        const AlarmTrigger &trigger = *status.triggeredBy;
        const QString sensor = trigger.deviceId + u'/' + trigger.source;
        detail =
            u"sensor %1, event %2"_s.arg(name.isEmpty() ? sensor : u"%1 (%2)"_s.arg(name, sensor))
                .arg(trigger.id);
    } else if (status.armedMode && status.state != *status.armedMode) {
        detail = u"towards %1"_s.arg(AlarmStatus::name(*status.armedMode));
    }
    return {0, status.changedAtMs, AlarmStatus::name(status.state), status.changedBy, detail};
}

} // namespace

AlarmService::AlarmService(EventStore *events, AlarmStore *store, LiveFeed *feed, Options options,
                           Clock clock, QObject *parent)
    : QObject(parent)
    , m_events(events)
    , m_store(store)
    , m_feed(feed)
    , m_options(std::move(options))
    , m_clock(std::move(clock))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AlarmService::catchUp);
}

AlarmService::~AlarmService() = default;

bool AlarmService::start(QString *error)
{
    std::optional<AlarmStatus> stored = m_store->alarm(error);
    if (!stored && !error->isEmpty())
        return false;
    if (!stored) {
        // A database from before the alarm: its history starts with the guide's mode.
        stored = m_store->alarmAt(std::numeric_limits<qint64>::max(), error);
        if (!stored && !error->isEmpty())
            return false;
    }
    m_machine.emplace(m_options.delays, stored.value_or(AlarmStatus{}), m_clock);
    m_modeView = m_events->mode();
    m_modeView.mode = viewOf(status());

    const auto labels = m_store->deviceLabels(error);
    if (!labels)
        return false;
    for (const DeviceLabel &label : *labels)
        relabel(label);

    // The deadlines that passed while the server was down take effect now, at their times.
    catchUp();
    return true;
}

QJsonObject AlarmService::toJson() const
{
    QJsonObject json = status().toJson();
    const bool codes = m_options.usersExist && m_options.usersExist();
    json.insert(u"code_required"_s,
                QJsonObject{{u"arm"_s, codes && m_options.codeArmRequired}, {u"disarm"_s, codes}});
    return json;
}

ModeState::Mode AlarmService::viewOf(const AlarmStatus &status)
{
    return status.state == AlarmStatus::State::Disarmed ? ModeState::Mode::Active
                                                        : ModeState::Mode::Surveillance;
}

AlarmService::Batch AlarmService::judge(QList<NewEvent> &events, qint64 receivedAtMs)
{
    catchUp();
    Batch batch;
    const AlarmStatus &now = status();
    for (qsizetype i = 0; i < events.size(); ++i) {
        NewEvent &event = events[i];
        // Status events (sensor_online/offline) never act; nor does a type not in ALERT_TYPES.
        if (!m_options.alertTypes.contains(event.type))
            continue;
        const SensorRole role = roleOf(event.deviceId, sourceOf(event.details));
        const qint64 happened =
            EventMoment::happenedAtMs(event.details, receivedAtMs, m_store->createdAtMs());
        const bool before = happened < now.changedAtMs;
        if (!AlarmMachine::sensorActs(role, before ? stateAt(happened) : now))
            continue;
        event.alert = true;
        // Happened while armed, arrives after a disarm: an alert, but it changes nothing now.
        if (before && disarmedSince(happened)) {
            event.late = true;
            continue;
        }
        batch.acting.append(i);
        batch.actingRoles.append(role);
    }
    return batch;
}

EventStore::InsertHook AlarmService::applying(Batch *batch)
{
    return [this, batch](const QList<InsertOutcome> &outcomes, QString *error) {
        if (batch->acting.isEmpty())
            return true;
        AlarmMachine next = *m_machine;
        QList<AlarmStatus> passed;
        for (qsizetype k = 0; k < batch->acting.size(); ++k) {
            const InsertOutcome &outcome = outcomes.at(batch->acting.at(k));
            // A redelivered event already acted when it was first stored.
            if (outcome.duplicate)
                continue;
            const StoredEvent &event = outcome.event;
            QJsonValue eventId = event.details.value("event_id"_L1);
            if (eventId.isUndefined())
                eventId = QJsonValue(QJsonValue::Null);
            const AlarmTrigger trigger{event.deviceId, sourceOf(event.details), eventId, event.id};
            passed += next.sensor(batch->actingRoles.at(k), trigger);
        }
        if (passed.isEmpty())
            return true;
        if (!save(passed, error))
            return false;
        batch->next = std::move(next);
        batch->passed = passed;
        return true;
    };
}

void AlarmService::adopt(Batch &batch)
{
    if (batch.next)
        publish(std::move(*batch.next), batch.passed);
}

std::optional<AlarmStatus> AlarmService::act(AlarmMachine::Action action, const QString &by,
                                             QString *error)
{
    catchUp();
    AlarmMachine next = *m_machine;
    const QList<AlarmStatus> passed = next.act(action, by);
    return change(std::move(next), passed, error);
}

std::optional<AlarmStatus> AlarmService::setModeView(ModeState::Mode mode, const QString &by,
                                                     QString *error)
{
    if (mode == ModeState::Mode::Active)
        return act(AlarmMachine::Action::Disarm, by, error);
    catchUp();
    // Every state but disarmed already reads as surveillance: nothing to do.
    if (viewOf(status()) == ModeState::Mode::Surveillance)
        return status();
    AlarmMachine::Delays noExitDelay = m_options.delays;
    noExitDelay.exitMs = 0;
    AlarmMachine armAtOnce(noExitDelay, status(), m_clock);
    const QList<AlarmStatus> passed = armAtOnce.act(AlarmMachine::Action::ArmAway, by);
    return change(AlarmMachine(m_options.delays, armAtOnce.status(), m_clock), passed, error);
}

std::optional<AlarmStatus> AlarmService::change(AlarmMachine next, const QList<AlarmStatus> &passed,
                                                QString *error)
{
    if (passed.isEmpty())
        return status();
    if (!save(passed, error))
        return std::nullopt;
    publish(std::move(next), passed);
    return status();
}

bool AlarmService::save(const QList<AlarmStatus> &passed, QString *error)
{
    QList<AuditEntry> audit;
    audit.reserve(passed.size());
    for (const AlarmStatus &status : passed)
        audit.append(auditOf(
            status, status.triggeredBy
                        ? m_names.value({status.triggeredBy->deviceId, status.triggeredBy->source})
                        : QString()));
    std::optional<ModeState> view;
    if (viewOf(passed.constLast()) != m_modeView.mode)
        view = ModeState{viewOf(passed.constLast()), passed.constLast().changedAtMs};
    return m_store->saveAlarm(passed, audit, view, error);
}

void AlarmService::publish(AlarmMachine next, const QList<AlarmStatus> &passed)
{
    m_machine = std::move(next);
    for (const AlarmStatus &step : passed) {
        qCInfo(lcAlarm).noquote() << u"alarm %1%2"_s.arg(
            AlarmStatus::name(step.state),
            step.changedBy.isEmpty() ? QString() : u" by "_s + step.changedBy);
        Q_EMIT changed(step);
    }
    m_feed->broadcastAlarm(toJson());
    const ModeState::Mode view = viewOf(status());
    if (view != m_modeView.mode) {
        m_modeView = {view, status().changedAtMs};
        m_feed->broadcastMode(m_modeView);
    }
    armTimer();
}

void AlarmService::armTimer()
{
    const std::optional<qint64> deadline = m_machine->nextDeadlineMs();
    if (!deadline) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(std::clamp<qint64>(*deadline - m_clock(), 0, MaxTimerMs)));
}

void AlarmService::catchUp()
{
    const std::optional<qint64> deadline = m_machine->nextDeadlineMs();
    if (!deadline || *deadline > m_clock()) {
        armTimer();
        return;
    }
    AlarmMachine next = *m_machine;
    const QList<AlarmStatus> passed = next.advance();
    QString error;
    if (passed.isEmpty()) {
        armTimer();
        return;
    }
    if (save(passed, &error)) {
        publish(std::move(next), passed);
        return;
    }
    qCWarning(lcAlarm) << "cannot store the alarm's change, trying again:" << error;
    m_timer.start(RetryMs);
}

AlarmStatus AlarmService::stateAt(qint64 atMs) const
{
    QString error;
    const std::optional<AlarmStatus> then = m_store->alarmAt(atMs, &error);
    if (!error.isEmpty())
        qCWarning(lcAlarm) << "cannot read the alarm's history:" << error;
    return then.value_or(status());
}

bool AlarmService::disarmedSince(qint64 atMs) const
{
    QString error;
    const std::optional<bool> disarmed = m_store->disarmedSince(atMs, &error);
    if (!disarmed)
        qCWarning(lcAlarm) << "cannot read the alarm's history:" << error;
    return disarmed.value_or(false);
}

SensorRole AlarmService::roleOf(const QString &deviceId, const QString &source) const
{
    return m_roles.value({deviceId, source}, SensorRole::Entry);
}

void AlarmService::relabel(const DeviceLabel &change)
{
    if (change.name && change.name->isEmpty())
        m_names.remove({change.deviceId, change.source});
    else if (change.name)
        m_names.insert({change.deviceId, change.source}, *change.name);
    if (!change.role)
        return;
    if (*change.role == SensorRole::Entry)
        m_roles.remove({change.deviceId, change.source});
    else
        m_roles.insert({change.deviceId, change.source}, *change.role);
}

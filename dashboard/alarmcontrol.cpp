#include "alarmcontrol.h"

#include "dashboardapi.h"

#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAlarm, "vigil.dashboard.alarm")

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

bool isAction(const QString &action)
{
    return action == "arm_away"_L1 || action == "arm_home"_L1 || action == "arm_night"_L1 ||
           action == "disarm"_L1;
}

} // namespace

AlarmControl::AlarmControl(DashboardApi *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_ticker.setSingleShot(true);
    m_ticker.setTimerType(Qt::PreciseTimer);
    connect(&m_ticker, &QTimer::timeout, this, &AlarmControl::tick);
}

bool AlarmControl::isDisarmed() const
{
    return m_alarm && m_alarm->state == "disarmed"_L1;
}

bool AlarmControl::isAlarming() const
{
    return m_alarm && (m_alarm->state == "pending"_L1 || m_alarm->state == "triggered"_L1);
}

QString AlarmControl::stateText() const
{
    if (!m_alarm)
        return tr("Alarm unknown");
    const QString &state = m_alarm->state;
    if (state == "disarmed"_L1)
        return tr("Disarmed");
    if (state == "arming"_L1)
        return tr("Arming");
    if (state == "armed_away"_L1)
        return tr("Armed away");
    if (state == "armed_home"_L1)
        return tr("Armed home");
    if (state == "armed_night"_L1)
        return tr("Armed night");
    if (state == "pending"_L1)
        return tr("Entry delay");
    return tr("Alarm triggered");
}

QString AlarmControl::reasonText() const
{
    if (!m_alarm)
        return tr("Waiting for the server");
    const QString &state = m_alarm->state;
    const QString by = m_alarm->changedBy;
    if (state == "disarmed"_L1)
        return by.isEmpty() ? tr("Detections are only logged") : tr("Disarmed by %1").arg(by);
    if (state == "arming"_L1)
        return tr("Leave now: armed away when the countdown ends");
    if (state == "pending"_L1)
        return triggeredBy().isEmpty()
                   ? tr("Disarm before the countdown ends")
                   : tr("%1 · disarm before the countdown ends").arg(triggeredBy());
    if (state == "triggered"_L1)
        return triggeredBy().isEmpty() ? tr("Triggered from the keypad")
                                       : tr("Triggered by %1").arg(triggeredBy());
    return by.isEmpty() ? tr("Detections raise the alarm") : tr("Armed by %1").arg(by);
}

QString AlarmControl::countdownText() const
{
    if (m_secondsLeft <= 0)
        return {};
    return u"%1:%2"_s.arg(m_secondsLeft / 60).arg(m_secondsLeft % 60, 2, 10, QChar(u'0'));
}

QString AlarmControl::triggeredBy() const
{
    if (!m_alarm || !m_alarm->triggeredBy)
        return {};
    const DashboardAlarm::Trigger &trigger = *m_alarm->triggeredBy;
    if (m_labeler) {
        QString label = m_labeler(trigger.deviceId, trigger.source);
        if (!label.isEmpty())
            return label;
    }
    return trigger.source.isEmpty() ? trigger.deviceId
                                    : trigger.deviceId + u" · "_s + trigger.source;
}

void AlarmControl::setClock(RelativeTime::Clock clock)
{
    m_clock = std::move(clock);
    tick();
}

void AlarmControl::setLabeler(Labeler labeler)
{
    m_labeler = std::move(labeler);
    refreshLabels();
}

void AlarmControl::apply(const DashboardAlarm &alarm)
{
    if (m_alarm && alarm == *m_alarm)
        return;
    const bool stateChanged = !m_alarm || m_alarm->state != alarm.state;
    m_alarm = alarm;
    qCInfo(lcAlarm).noquote() << "alarm is" << alarm.state
                              << (alarm.delayEndsAt.isValid()
                                      ? u"until "_s + alarm.delayEndsAt.toString(Qt::ISODateWithMs)
                                      : u"(no delay)"_s);
    // A refusal is about the state it was made in: a new state makes it stale.
    if (stateChanged && m_status == Status::Failed)
        setErrorString({});
    if (m_status == Status::Unknown || (stateChanged && m_status == Status::Failed))
        setStatus(m_requests > 0 ? Status::Busy : Status::Ready);
    Q_EMIT alarmChanged();
    tick();
    if (stateChanged && alarm.state == "pending"_L1)
        Q_EMIT entryDelayStarted();
}

void AlarmControl::forget()
{
    if (!m_alarm && m_status == Status::Unknown)
        return;
    m_alarm.reset();
    setErrorString({});
    setStatus(Status::Unknown);
    Q_EMIT alarmChanged();
    tick();
}

void AlarmControl::refreshLabels()
{
    if (m_alarm && m_alarm->triggeredBy)
        Q_EMIT alarmChanged();
}

// The delay's end is the server's clock, the countdown this screen's: both keep NTP time on a
// Vigil set-up, and a wrong screen clock shows a wrong count but never changes the state.
void AlarmControl::tick()
{
    int left = 0;
    qint64 msLeft = 0;
    if (m_alarm && m_alarm->delayEndsAt.isValid()) {
        msLeft = m_clock().msecsTo(m_alarm->delayEndsAt);
        left = msLeft > 0 ? int((msLeft + 999) / 1000) : 0;
    }
    if (left != m_secondsLeft) {
        m_secondsLeft = left;
        Q_EMIT secondsLeftChanged();
    }
    // Wake up when the shown second changes, not on a free-running 1 s timer that drifts.
    if (left > 0)
        m_ticker.start(std::chrono::milliseconds(msLeft % 1000 == 0 ? 1000 : msLeft % 1000));
    else
        m_ticker.stop();
}

bool AlarmControl::needsCode(const QString &action) const
{
    if (action == "disarm"_L1)
        return codeRequiredDisarm();
    return isAction(action) && codeRequiredArm();
}

bool AlarmControl::offers(const QString &action) const
{
    if (!m_alarm || !isAction(action))
        return false;
    return (action == "disarm"_L1) != isDisarmed();
}

QStringList AlarmControl::actions() const
{
    QStringList offered;
    for (const QString &action : {u"arm_away"_s, u"arm_home"_s, u"arm_night"_s, u"disarm"_s}) {
        if (offers(action))
            offered.append(action);
    }
    return offered;
}

QString AlarmControl::actionText(const QString &action) const
{
    if (action == "arm_away"_L1)
        return tr("Arm away");
    if (action == "arm_home"_L1)
        return tr("Arm home");
    if (action == "arm_night"_L1)
        return tr("Arm night");
    if (action == "disarm"_L1)
        return tr("Disarm");
    return action;
}

void AlarmControl::request(const QString &action, const QString &code)
{
    if (!isAction(action)) {
        qCWarning(lcAlarm) << "not an alarm action:" << action;
        return;
    }
    QJsonObject body{{u"action"_s, action}};
    if (!code.isEmpty())
        body.insert(u"code"_s, code);
    ++m_requests;
    setErrorString({});
    setStatus(Status::Busy);
    // Never the code in the log.
    qCInfo(lcAlarm) << "asking for" << action
                    << (code.isEmpty() ? "without a code" : "with a code");
    m_api->put(
        u"/api/alarm"_s, QJsonDocument(body), this,
        [this, action](const DashboardApi::Reply &reply) {
            --m_requests;
            QString error;
            if (reply.ok() && reply.body.isObject()) {
                if (const auto answer = DashboardAlarm::fromJson(reply.body.object(), &error)) {
                    setStatus(m_requests > 0 ? Status::Busy : Status::Ready);
                    // The feed is in order, an answer may not be: one older than the
                    // state shown (a timer fired meanwhile) is news no more.
                    if (!m_alarm || !m_alarm->changedAt.isValid() ||
                        answer->changedAt >= m_alarm->changedAt)
                        apply(*answer);
                    Q_EMIT succeeded(action);
                    return;
                }
            }
            error = refusal(reply.httpStatus, reply.header("Retry-After"),
                            reply.ok() ? u"unexpected answer: "_s + error : reply.errorString);
            qCWarning(lcAlarm).noquote() << action << "refused:" << error;
            setErrorString(error);
            setStatus(m_requests > 0 ? Status::Busy : Status::Failed);
            Q_EMIT failed(action, error);
        });
}

QString AlarmControl::refusal(int httpStatus, const QByteArray &retryAfter,
                              const QString &error) const
{
    switch (httpStatus) {
    case 0:
        return tr("Cannot reach the server: %1").arg(error);
    case 403:
        return tr("Wrong code");
    case 404:
        return tr("This server has no alarm");
    case 429: {
        bool ok = false;
        const int seconds = retryAfter.trimmed().toInt(&ok);
        return ok && seconds > 0 ? tr("Too many wrong codes: locked for %n s", nullptr, seconds)
                                 : tr("Too many wrong codes: try again later");
    }
    default:
        return tr("Could not change the alarm: %1").arg(error);
    }
}

void AlarmControl::setStatus(Status status)
{
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged();
}

void AlarmControl::setErrorString(const QString &error)
{
    if (error == m_errorString)
        return;
    m_errorString = error;
    Q_EMIT errorStringChanged();
}

#pragma once

#include "dashboardalarm.h"
#include "relativetime.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <functional>

class DashboardApi;

// The alarm as the views show it, and the requests to change it. The state is only ever what
// the server said (the feed's hello and {"kind": "alarm"} messages, or the answer of a request
// through PUT /api/alarm): this class never guesses the next state. It owns what the views must
// not decide: the texts of the states, the countdown of a running delay (on an injected clock),
// which action needs a code, and what a refusal means (403: wrong code, 429: locked out).
// Owned by ServerConnection, which hands it the feed's alarms; the DashboardApi must outlive it.
// GUI thread.
class AlarmControl : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlarmControl belongs to a ServerConnection")
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    Q_PROPERTY(bool available READ isAvailable NOTIFY alarmChanged)
    Q_PROPERTY(QString state READ state NOTIFY alarmChanged)
    Q_PROPERTY(QString armedMode READ armedMode NOTIFY alarmChanged)
    Q_PROPERTY(bool disarmed READ isDisarmed NOTIFY alarmChanged)
    Q_PROPERTY(bool alarming READ isAlarming NOTIFY alarmChanged)
    Q_PROPERTY(QString stateText READ stateText NOTIFY alarmChanged)
    Q_PROPERTY(QString reasonText READ reasonText NOTIFY alarmChanged)
    Q_PROPERTY(QDateTime delayEndsAt READ delayEndsAt NOTIFY alarmChanged)
    Q_PROPERTY(bool counting READ isCounting NOTIFY secondsLeftChanged)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY secondsLeftChanged)
    Q_PROPERTY(QString countdownText READ countdownText NOTIFY secondsLeftChanged)
    Q_PROPERTY(QString triggeredBy READ triggeredBy NOTIFY alarmChanged)
    Q_PROPERTY(QString changedBy READ changedBy NOTIFY alarmChanged)
    Q_PROPERTY(QDateTime changedAt READ changedAt NOTIFY alarmChanged)
    Q_PROPERTY(bool codeRequiredArm READ codeRequiredArm NOTIFY alarmChanged)
    Q_PROPERTY(bool codeRequiredDisarm READ codeRequiredDisarm NOTIFY alarmChanged)
    Q_PROPERTY(bool canArm READ canArm NOTIFY alarmChanged)
    Q_PROPERTY(bool canDisarm READ canDisarm NOTIFY alarmChanged)
    Q_PROPERTY(int minCodeLength READ minCodeLength CONSTANT)
    Q_PROPERTY(int maxCodeLength READ maxCodeLength CONSTANT)
public:
    enum class Status {
        Unknown, // the server has not stated an alarm (not yet, or a server without one)
        Ready,   // the state is the server's; no request running
        Busy,    // a request is on its way
        Failed,  // the last request was refused or failed (errorString says why)
    };
    Q_ENUM(Status)

    // The contract's code lengths (4-32 characters).
    static constexpr int MinCodeLength = 4;
    static constexpr int MaxCodeLength = 32;

    // Names a sensor for the reason of a trigger (its name when it has one).
    using Labeler = std::function<QString(const QString &deviceId, const QString &source)>;

    explicit AlarmControl(DashboardApi *api, QObject *parent = nullptr);

    Status status() const { return m_status; }
    QString errorString() const { return m_errorString; }
    bool isAvailable() const { return m_alarm.has_value(); }
    QString state() const { return m_alarm ? m_alarm->state : QString(); }
    QString armedMode() const { return m_alarm ? m_alarm->armedMode : QString(); }
    bool isDisarmed() const;
    bool isAlarming() const; // pending or triggered: someone must act
    QString stateText() const;
    QString reasonText() const;
    QDateTime delayEndsAt() const { return m_alarm ? m_alarm->delayEndsAt : QDateTime(); }
    bool isCounting() const { return m_secondsLeft > 0; }
    int secondsLeft() const { return m_secondsLeft; }
    QString countdownText() const; // "0:42", "3:00"; empty when no delay runs
    QString triggeredBy() const;
    QString changedBy() const { return m_alarm ? m_alarm->changedBy : QString(); }
    QDateTime changedAt() const { return m_alarm ? m_alarm->changedAt : QDateTime(); }
    bool codeRequiredArm() const { return m_alarm && m_alarm->codeRequiredArm; }
    bool codeRequiredDisarm() const { return m_alarm && m_alarm->codeRequiredDisarm; }
    QStringList actions() const; // what offers() is true for, in the buttons' order
    bool canArm() const { return offers(QStringLiteral("arm_away")); }
    bool canDisarm() const { return offers(QStringLiteral("disarm")); }
    int minCodeLength() const { return MinCodeLength; }
    int maxCodeLength() const { return MaxCodeLength; }

    void setClock(RelativeTime::Clock clock);
    void setLabeler(Labeler labeler);

    // What the server said the alarm is (the feed's hello and alarm messages).
    void apply(const DashboardAlarm &alarm);
    // The server has no alarm (a hello without one): back to Unknown.
    void forget();
    // The sensors' names changed: the reason text may read differently.
    void refreshLabels();
    // Recomputes secondsLeft from the clock (the countdown's timer calls it; so can tests).
    void tick();

    // True when `action` ("arm_away", "arm_home", "arm_night", "disarm") needs a code now.
    Q_INVOKABLE bool needsCode(const QString &action) const;
    // True when the views offer `action` in the current state: arming when disarmed, disarming
    // in every other state (a running exit delay included).
    Q_INVOKABLE bool offers(const QString &action) const;
    // The action as a button says it ("Arm away", "Disarm").
    Q_INVOKABLE QString actionText(const QString &action) const;
    // PUT /api/alarm with `action` and `code` (empty: none sent); the state follows the answer.
    Q_INVOKABLE void request(const QString &action, const QString &code = {});
    Q_INVOKABLE void armAway(const QString &code = {})
    {
        request(QStringLiteral("arm_away"), code);
    }
    Q_INVOKABLE void armHome(const QString &code = {})
    {
        request(QStringLiteral("arm_home"), code);
    }
    Q_INVOKABLE void armNight(const QString &code = {})
    {
        request(QStringLiteral("arm_night"), code);
    }
    Q_INVOKABLE void disarm(const QString &code = {}) { request(QStringLiteral("disarm"), code); }

Q_SIGNALS:
    void statusChanged();
    void errorStringChanged();
    void alarmChanged();
    void secondsLeftChanged();
    void entryDelayStarted(); // the state became pending: the moment to offer the keypad
    void succeeded(const QString &action);
    void failed(const QString &action, const QString &errorString);

private:
    void setStatus(Status status);
    void setErrorString(const QString &error);
    QString refusal(int httpStatus, const QByteArray &retryAfter, const QString &error) const;

    DashboardApi *m_api;
    std::optional<DashboardAlarm> m_alarm;
    Status m_status = Status::Unknown;
    QString m_errorString;
    int m_secondsLeft = 0;
    int m_requests = 0; // requests on their way
    RelativeTime::Clock m_clock = RelativeTime::systemClock();
    Labeler m_labeler;
    QTimer m_ticker;
};

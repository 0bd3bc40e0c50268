#pragma once

#include "dashboardevent.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <chrono>

// The alert the full-screen overlay shows: the newest alert event that arrived live (or was
// caught up after a reconnect) and that nobody has acknowledged on this screen yet; and when the
// chime rings: once per new alert, and again every repeat interval while the alarm is in its
// entry delay (pending), until the state moves on (a disarm also silences the chime playing).
// Owned by ServerConnection, which hands it the alarm's state; GUI thread.
class AlertController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AlertController belongs to a ServerConnection")
    Q_PROPERTY(bool active READ isActive NOTIFY changed)
    Q_PROPERTY(qint64 eventId READ eventId NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString deviceId READ deviceId NOTIFY changed)
    Q_PROPERTY(QString source READ source NOTIFY changed)
    Q_PROPERTY(QString iconName READ iconName NOTIFY changed)
    Q_PROPERTY(QDateTime receivedAt READ receivedAt NOTIFY changed)
    // Alerts since the last acknowledgement, the shown one included.
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY changed)
    Q_PROPERTY(bool repeating READ isRepeating NOTIFY repeatingChanged)
public:
    static constexpr std::chrono::milliseconds DefaultRepeatInterval{5000};

    explicit AlertController(QObject *parent = nullptr);

    bool isActive() const { return m_pendingCount > 0; }
    qint64 eventId() const { return m_event.id; }
    QString title() const { return m_event.title(); }
    QString deviceId() const { return m_event.deviceId; }
    QString source() const { return m_event.source; }
    QString iconName() const { return m_event.iconName(); }
    QDateTime receivedAt() const { return m_event.receivedAt; }
    int pendingCount() const { return m_pendingCount; }
    bool isRepeating() const { return m_repeat.isActive(); }

    // The alarm's state as the server said it ("pending" repeats the chime).
    void setAlarmState(const QString &state);
    void setRepeatInterval(std::chrono::milliseconds interval) { m_repeat.setInterval(interval); }

    // Counts `event` if it is an alert (and shows it when it is the newest); false otherwise.
    bool raise(const DashboardEvent &event);
    Q_INVOKABLE void acknowledge();

Q_SIGNALS:
    void changed();
    void raised();        // a new alert arrived
    void ringRequested(); // the moment to ring: a new alert, or a repeat during the entry delay
    void silenced();      // the alarm was disarmed: stop a chime that is playing
    void repeatingChanged();

private:
    DashboardEvent m_event;
    int m_pendingCount = 0;
    QString m_alarmState;
    QTimer m_repeat;
};

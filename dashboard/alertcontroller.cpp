#include "alertcontroller.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAlert, "vigil.dashboard.alert")

using namespace Qt::StringLiterals;

AlertController::AlertController(QObject *parent)
    : QObject(parent)
{
    m_repeat.setInterval(DefaultRepeatInterval);
    connect(&m_repeat, &QTimer::timeout, this, &AlertController::ringRequested);
}

void AlertController::setAlarmState(const QString &state)
{
    if (state == m_alarmState)
        return;
    m_alarmState = state;
    const bool repeat = state == "pending"_L1;
    if (repeat && !m_repeat.isActive()) {
        qCInfo(lcAlert) << "entry delay: the chime repeats every" << m_repeat.interval() << "ms";
        m_repeat.start();
        Q_EMIT repeatingChanged();
        Q_EMIT ringRequested();
    } else if (!repeat && m_repeat.isActive()) {
        m_repeat.stop();
        Q_EMIT repeatingChanged();
    }
    if (state == "disarmed"_L1)
        Q_EMIT silenced();
}

bool AlertController::raise(const DashboardEvent &event)
{
    if (!event.alert)
        return false;
    ++m_pendingCount;
    if (m_pendingCount == 1 || event.id > m_event.id)
        m_event = event;
    qCInfo(lcAlert) << "alert" << event.id << event.type << "from" << event.deviceId;
    Q_EMIT changed();
    Q_EMIT raised();
    Q_EMIT ringRequested();
    return true;
}

void AlertController::acknowledge()
{
    if (m_pendingCount == 0)
        return;
    qCInfo(lcAlert) << "acknowledged" << m_pendingCount << "alert(s), newest" << m_event.id;
    m_pendingCount = 0;
    Q_EMIT changed();
}

#include "alertcontroller.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAlert, "vigil.dashboard.alert")

AlertController::AlertController(QObject *parent)
    : QObject(parent)
{}

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

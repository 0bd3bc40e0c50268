#include "systemdnotifier.h"

#include <QLoggingCategory>

#include <systemd/sd-daemon.h>

#include <cstring>

Q_LOGGING_CATEGORY(lcSystemd, "vigil.systemd")

using namespace std::chrono_literals;

SystemdNotifier::SystemdNotifier(QObject *parent)
    : QObject(parent)
{
    uint64_t watchdogUsec = 0;
    // > 0 only when WATCHDOG_USEC is set (and WATCHDOG_PID, if set, is this process).
    const int enabled = sd_watchdog_enabled(0, &watchdogUsec);
    if (enabled < 0)
        qCWarning(lcSystemd) << "WATCHDOG_USEC is not readable:" << std::strerror(-enabled);
    m_watchdogEnabled = enabled > 0 && watchdogUsec > 0;
    if (m_watchdogEnabled) {
        // Half the timeout, as sd_watchdog_enabled(3) advises: one late tick is not yet a kill.
        const auto interval = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::microseconds(watchdogUsec) / 2);
        m_watchdog.setInterval(std::max(interval, 1ms));
        m_watchdog.setTimerType(Qt::PreciseTimer);
        connect(&m_watchdog, &QTimer::timeout, this, [] { notify("WATCHDOG=1"); });
    }
}

void SystemdNotifier::ready()
{
    notify("READY=1");
    if (m_watchdogEnabled && !m_watchdog.isActive()) {
        qCDebug(lcSystemd) << "feeding the watchdog every" << m_watchdog.interval() << "ms";
        m_watchdog.start();
    }
}

void SystemdNotifier::stopping()
{
    notify("STOPPING=1");
}

void SystemdNotifier::notify(const char *state)
{
    // 0: NOTIFY_SOCKET unset, not under systemd. A failure costs systemd's view of us, not our
    // work, so it is only logged.
    const int sent = sd_notify(0, state);
    if (sent < 0)
        qCWarning(lcSystemd) << "cannot tell systemd" << state << ":" << std::strerror(-sent);
}

#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

// Tells systemd how the service is doing (sd_notify): READY=1 once the program can do its work
// (Type=notify units start their dependants only then), STOPPING=1 when it begins to shut down,
// and WATCHDOG=1 from a timer of the event loop at half the unit's WatchdogSec=: a loop that
// hangs stops feeding it, and systemd kills and restarts the service. Everything is a no-op when
// the program does not run under systemd (NOTIFY_SOCKET unset). Owned by main(); main thread.
class SystemdNotifier : public QObject
{
    Q_OBJECT
public:
    explicit SystemdNotifier(QObject *parent = nullptr);

    // READY=1, and the watchdog is fed from now on (systemd arms it once start-up is done).
    void ready();
    // STOPPING=1. The watchdog is still fed while the program drains and exits.
    void stopping();

    // Zero when systemd asked for no watchdog.
    std::chrono::milliseconds watchdogInterval() const { return m_watchdog.intervalAsDuration(); }

private:
    static void notify(const char *state);

    QTimer m_watchdog;
    bool m_watchdogEnabled = false;
};

#pragma once

#include <QByteArray>
#include <QList>
#include <QSocketNotifier>
#include <QString>
#include <QTemporaryDir>

#include <memory>

// The systemd side of sd_notify(3) for a test: a Unix datagram socket bound in a temporary folder
// whose path a program gets as NOTIFY_SOCKET, keeping every state line it is sent ("READY=1",
// "WATCHDOG=1", ...) in arrival order. Read from the test's event loop. Test (GUI) thread only.
class NotifySocket
{
public:
    NotifySocket();
    ~NotifySocket();

    NotifySocket(const NotifySocket &) = delete;
    NotifySocket &operator=(const NotifySocket &) = delete;

    bool listen(QString *error);
    QString path() const { return m_path; }

    // Every line received so far (a datagram may carry several, newline-separated).
    const QList<QByteArray> &states() const { return m_states; }
    qsizetype indexOf(const QByteArray &state, qsizetype from = 0) const;

private:
    void readAll();

    QTemporaryDir m_dir;
    QString m_path;
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QList<QByteArray> m_states;
};

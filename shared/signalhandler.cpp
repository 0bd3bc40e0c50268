#include "signalhandler.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcSignal, "vigil.signal")

namespace {

int g_signalFds[2] = {-1, -1};

void onSignal(int signalNumber)
{
    const char byte = char(signalNumber);
    // write() is async-signal-safe; if the pipe is full a signal is already pending anyway.
    [[maybe_unused]] const ssize_t written = ::write(g_signalFds[0], &byte, 1);
}

} // namespace

SignalHandler::SignalHandler(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, g_signalFds) != 0) {
        qCCritical(lcSignal) << "cannot create the signal socket pair; SIGTERM will kill at once";
        return;
    }
    m_notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalHandler::readSignal);

    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    // A peer that goes away must not kill us through a write on its socket.
    signal(SIGPIPE, SIG_IGN);
}

SignalHandler::~SignalHandler()
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    delete m_notifier;
    for (int &fd : g_signalFds) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

void SignalHandler::readSignal()
{
    char byte = 0;
    while (::read(g_signalFds[1], &byte, 1) == 1) {
        qCInfo(lcSignal) << "received" << (byte == SIGINT ? "SIGINT" : "SIGTERM")
                         << "- shutting down";
        Q_EMIT terminationRequested(int(byte));
    }
}

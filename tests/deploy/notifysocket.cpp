#include "notifysocket.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace Qt::StringLiterals;

NotifySocket::NotifySocket() = default;

NotifySocket::~NotifySocket()
{
    m_notifier.reset();
    if (m_fd >= 0)
        ::close(m_fd);
}

bool NotifySocket::listen(QString *error)
{
    m_path = m_dir.filePath(u"notify"_s);
    const QByteArray path = m_path.toLocal8Bit();
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (!m_dir.isValid() || size_t(path.size()) >= sizeof(address.sun_path)) {
        *error = u"no short temporary path for the socket"_s;
        return false;
    }
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (m_fd < 0 ||
        ::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0) {
        *error = u"cannot bind %1: %2"_s.arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(),
                     [this] { readAll(); });
    return true;
}

qsizetype NotifySocket::indexOf(const QByteArray &state, qsizetype from) const
{
    return m_states.indexOf(state, from);
}

void NotifySocket::readAll()
{
    char buffer[4096];
    for (;;) {
        const ssize_t size = ::recv(m_fd, buffer, sizeof(buffer), 0);
        if (size < 0)
            return; // EAGAIN: all read
        for (const QByteArray &line : QByteArray(buffer, size).split('\n')) {
            if (!line.isEmpty())
                m_states.append(line);
        }
    }
}

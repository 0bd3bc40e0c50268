#include "smallfilesystem.h"

#include <QByteArray>
#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString FillerName = u".filler"_s;

} // namespace

SmallFileSystem::SmallFileSystem(qint64 bytes)
{
    if (!m_dir.isValid()) {
        m_skipReason = u"cannot make a temporary directory"_s;
        return;
    }
    const QByteArray target = QFile::encodeName(m_dir.path());
    const QByteArray options = "size=" + QByteArray::number(bytes) + ",mode=0700";
    if (::mount("tmpfs", target.constData(), "tmpfs", MS_NOSUID | MS_NODEV, options.constData()) !=
        0) {
        m_skipReason = u"cannot mount a small tmpfs (%1): run the tests as root for the "
                       "full-disk cases"_s.arg(QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_mounted = true;
}

SmallFileSystem::~SmallFileSystem()
{
    if (m_mounted)
        ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
}

bool SmallFileSystem::fill()
{
    const QByteArray name = QFile::encodeName(filePath(FillerName));
    const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    const QByteArray block(4096, 'x');
    bool full = false;
    for (;;) {
        const ssize_t written = ::write(fd, block.constData(), size_t(block.size()));
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0) {
            full = errno == ENOSPC;
            break;
        }
        if (written < block.size()) // the last partial block: the next write fails with ENOSPC
            continue;
    }
    ::close(fd);
    return full;
}

void SmallFileSystem::release()
{
    QFile::remove(filePath(FillerName));
}

bool SmallFileSystem::setReadOnly(bool readOnly)
{
    const unsigned long readOnlyFlag = readOnly ? static_cast<unsigned long>(MS_RDONLY) : 0UL;
    const unsigned long flags = MS_REMOUNT | MS_NOSUID | MS_NODEV | readOnlyFlag;
    return ::mount("tmpfs", QFile::encodeName(m_dir.path()).constData(), "tmpfs", flags, nullptr) ==
           0;
}

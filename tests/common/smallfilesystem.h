#pragma once

#include <QString>
#include <QTemporaryDir>

// A size-limited tmpfs mounted for one test, so that "the disk is full" is a real ENOSPC from
// the kernel and not a simulation. Mounting needs root (CI runs as root); elsewhere
// isMounted() is false and skipReason() says why, for QSKIP. fill() takes every free byte with
// a filler file, release() gives the space back; the destructor unmounts.
class SmallFileSystem
{
public:
    explicit SmallFileSystem(qint64 bytes);
    ~SmallFileSystem();
    SmallFileSystem(const SmallFileSystem &) = delete;
    SmallFileSystem &operator=(const SmallFileSystem &) = delete;

    bool isMounted() const { return m_mounted; }
    QString skipReason() const { return m_skipReason; }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

    // Writes the filler until the kernel says ENOSPC; true when the file system is then full.
    bool fill();
    // Deletes the filler: the space is free again.
    void release();
    // Remounts read-only (true) or read-write (false).
    bool setReadOnly(bool readOnly);

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_skipReason;
};

#pragma once

#include "edgesource.h"

#include <QByteArray>

class QSocketNotifier;

// SIMULATE=stdin: each line "1" on standard input is an active edge and "0" an inactive one,
// stamped with the monotonic clock when the line arrives. Other lines are warned about and
// ignored. EOF emits finished(). Watches fd 0 with a QSocketNotifier: no thread, no polling.
class StdinEdgeSource : public EdgeSource
{
    Q_OBJECT
public:
    explicit StdinEdgeSource(QObject *parent = nullptr, int fd = 0);

    bool start() override;

private:
    void readInput();
    void handleLine(QByteArrayView line, qint64 timestampNs);

    int m_fd;
    QSocketNotifier *m_notifier = nullptr;
    QByteArray m_partialLine;
    qint64 m_lineNumber = 0;
};

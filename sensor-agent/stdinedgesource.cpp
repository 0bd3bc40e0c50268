#include "stdinedgesource.h"

#include "monotonicclock.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <utility>

Q_LOGGING_CATEGORY(lcStdinSource, "vigil.agent.stdin")

using namespace Qt::StringLiterals;

namespace {
// A line longer than this is not a 0/1 line; cap what we buffer while waiting for its end.
constexpr qsizetype MaxLineBytes = 256;
} // namespace

StdinEdgeSource::StdinEdgeSource(QObject *parent, int fd)
    : EdgeSource(parent)
    , m_fd(fd)
{}

bool StdinEdgeSource::start()
{
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StdinEdgeSource::readInput);
    qCInfo(lcStdinSource,
           "simulated input: reading edges from standard input (1 active, 0 inactive)");
    return true;
}

void StdinEdgeSource::readInput()
{
    char buffer[4096];
    const ssize_t count = ::read(m_fd, buffer, sizeof buffer);
    if (count < 0) {
        if (errno == EINTR || errno == EAGAIN)
            return;
        qCWarning(lcStdinSource, "cannot read standard input: %s", std::strerror(errno));
    }
    if (count <= 0) {
        m_notifier->setEnabled(false);
        if (!m_partialLine.isEmpty()) // a last line without its newline still counts
            handleLine(std::exchange(m_partialLine, {}), MonotonicClock::nowNs());
        qCInfo(lcStdinSource, "end of standard input");
        Q_EMIT finished();
        return;
    }
    // Every line of this read arrived together, so they share the moment of arrival.
    const qint64 now = MonotonicClock::nowNs();
    QByteArrayView data(buffer, count);
    while (!data.isEmpty()) {
        const qsizetype newline = data.indexOf('\n');
        const QByteArrayView piece = newline < 0 ? data : data.first(newline);
        const qsizetype room = std::max<qsizetype>(0, MaxLineBytes - m_partialLine.size());
        m_partialLine += piece.first(std::min(room, piece.size()));
        if (newline < 0)
            return;
        handleLine(std::exchange(m_partialLine, {}), now);
        data = data.sliced(newline + 1);
    }
}

void StdinEdgeSource::handleLine(QByteArrayView line, qint64 timestampNs)
{
    ++m_lineNumber;
    const QByteArrayView trimmed = line.trimmed();
    if (trimmed == "1")
        Q_EMIT edge(true, timestampNs);
    else if (trimmed == "0")
        Q_EMIT edge(false, timestampNs);
    else if (!trimmed.isEmpty())
        qCWarning(lcStdinSource, "standard input line %lld ignored: expected 1 or 0, got \"%s\"",
                  m_lineNumber,
                  trimmed.first(std::min<qsizetype>(40, trimmed.size())).toByteArray().constData());
}

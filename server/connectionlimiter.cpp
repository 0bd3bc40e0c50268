#include "connectionlimiter.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcConnections, "vigil.server.connections")

ConnectionLimiter::ConnectionLimiter(int maxConnections, QObject *parent)
    : QObject(parent)
    , m_maxConnections(maxConnections)
{}

bool ConnectionLimiter::admit(QTcpSocket *socket)
{
    if (m_acceptFailing) {
        m_acceptFailing = false;
        qCInfo(lcConnections) << "accepting connections again";
    }
    if (m_count >= m_maxConnections) {
        if (!m_refusing)
            qCWarning(lcConnections).noquote()
                << u"%1 connections open (MAX_CONNECTIONS): closing new ones at once until "
                   "one ends"_s.arg(m_count);
        m_refusing = true;
        return false;
    }
    if (m_refusing) {
        m_refusing = false;
        qCInfo(lcConnections) << "below MAX_CONNECTIONS again";
    }
    ++m_count;
    connect(socket, &QObject::destroyed, this, [this] { --m_count; });
    return true;
}

void ConnectionLimiter::watch(QTcpServer *listener)
{
    connect(listener, &QTcpServer::acceptError, this,
            [this, listener] { onAcceptError(listener); });
}

void ConnectionLimiter::onAcceptError(QTcpServer *listener)
{
    if (!m_acceptFailing)
        qCWarning(lcConnections).noquote()
            << u"cannot accept a connection (%1, %2 open); trying again every %3 ms"_s
                   .arg(listener->errorString())
                   .arg(m_count)
                   .arg(AcceptRetryMs);
    m_acceptFailing = true;
    // QTcpServer has paused accepting; without this it never would again.
    QTimer::singleShot(AcceptRetryMs, listener, &QTcpServer::resumeAccepting);
}

#pragma once

#include <QObject>
#include <QWebSocket>
#include <QtGlobal>

// QWebSocket's error signal is error() on Qt 6.4 and errorOccurred() from 6.5 on (6.8
// deprecates the old name); the probes connect to it through this one place.
template <typename Functor>
QMetaObject::Connection onWebSocketError(QWebSocket *socket, const QObject *context,
                                         Functor &&handler)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QObject::connect(socket, &QWebSocket::errorOccurred, context,
                            std::forward<Functor>(handler));
#else
    return QObject::connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
                            context, std::forward<Functor>(handler));
#endif
}

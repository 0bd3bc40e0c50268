#pragma once

#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

// A listening server (QTcpServer, or QSslServer for TLS) that hands every connection to a
// function before anyone uses it: VigilServer counts it, sets socket options, a size guard and
// timeouts there. QAbstractHttpServer takes each connection through nextPendingConnection() and
// connects its own handlers afterwards, so what the hook connects runs first. A connection the
// hook refuses (false) is closed at once and never reaches QAbstractHttpServer.
template <typename Base> class ConnectionHookServer final : public Base
{
public:
    using Hook = std::function<bool(QTcpSocket *)>;

    explicit ConnectionHookServer(Hook hook, QObject *parent = nullptr)
        : Base(parent)
        , m_hook(std::move(hook))
    {}

    QTcpSocket *nextPendingConnection() override
    {
        while (QTcpSocket *socket = Base::nextPendingConnection()) {
            if (m_hook(socket))
                return socket;
            socket->close();
            socket->deleteLater();
        }
        return nullptr;
    }

private:
    Hook m_hook;
};

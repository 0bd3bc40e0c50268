#pragma once

#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

// A listening server (QTcpServer, or QSslServer for TLS) that hands every connection to a
// function before anyone uses it: VigilServer sets socket options and a size guard there.
// QAbstractHttpServer takes each connection through nextPendingConnection() and connects its
// own handlers afterwards, so what the hook connects runs first.
template <typename Base> class ConnectionHookServer final : public Base
{
public:
    using Hook = std::function<void(QTcpSocket *)>;

    explicit ConnectionHookServer(Hook hook, QObject *parent = nullptr)
        : Base(parent)
        , m_hook(std::move(hook))
    {}

    QTcpSocket *nextPendingConnection() override
    {
        QTcpSocket *socket = Base::nextPendingConnection();
        if (socket)
            m_hook(socket);
        return socket;
    }

private:
    Hook m_hook;
};

// Raw bytes on a connection to an in-process vigil-server (request line, headers, query strings,
// paths and bodies alike), answered through its real listener, routes and SQLite store. The
// server runs in this process's event loop; each input gets its own connection, which is then
// half-closed: the server reads all of it, answers what is complete and closes on the end of
// input, or the short deadline passes (what the server does then is not this input's concern).
#include "serversettings.h"
#include "vigilserver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdio>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int AnswerDeadlineMs = 50;

struct Harness
{
    QCoreApplication *app = nullptr;
    QTemporaryDir dir;
    VigilServer *server = nullptr;
};

Harness &harness()
{
    static Harness h = [] {
        Harness made;
        static int argc = 1;
        static char name[] = "fuzz_serverrequest";
        static char *argv[] = {name, nullptr};
        made.app = new QCoreApplication(argc, argv);
        return made;
    }();
    if (!h.server) {
        ServerConfig config;
        config.port = 0;
        config.database = h.dir.filePath(u"fuzz.db"_s);
        config.maxBody = 64 * 1024;
        h.server = new VigilServer(config);
        QString error;
        if (h.server->start(&error) != VigilServer::StartError::None) {
            std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(error));
            std::abort();
        }
    }
    return h;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Harness &h = harness();
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, h.server->port());
    socket.write(reinterpret_cast<const char *>(data), qint64(size));
    const QDeadlineTimer deadline(AnswerDeadlineMs);
    bool halfClosed = false;
    while (!deadline.hasExpired() && socket.state() != QAbstractSocket::UnconnectedState) {
        if (!halfClosed && socket.state() == QAbstractSocket::ConnectedState &&
            socket.bytesToWrite() == 0) {
            ::shutdown(int(socket.socketDescriptor()), SHUT_WR);
            halfClosed = true;
        }
        socket.readAll();
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    socket.abort();
    // Let the server see the close and free the connection before the next input.
    QCoreApplication::processEvents();
    return 0;
}

#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpSocket>

// One keep-alive HTTP/1.1 connection that POSTs a JSON body and reads the status of the
// response, with TCP_NODELAY and the whole request in one write.
//
// Why not QNetworkAccessManager here: it writes a request body in 16 KiB pieces and never sets
// TCP_NODELAY, so on Linux any body over ~16 KiB waits for the server's delayed ACK, ~40 ms per
// request (seen with strace: the second write(2) of every batch of 100 events ~40 ms after
// the first). That would measure the generator, not the server. Plain http:// only.
class BenchHttpConnection : public QObject
{
    Q_OBJECT
public:
    BenchHttpConnection(QString host, quint16 port, QObject *parent = nullptr);

    void post(const QByteArray &path, const QByteArray &body);

Q_SIGNALS:
    // status 0 when the connection failed; body is the response body.
    void finished(int status, const QByteArray &body);

private:
    void onReadyRead();
    void fail(const QString &reason);

    QTcpSocket m_socket;
    QString m_host;
    quint16 m_port;
    QByteArray m_pending; // a request waiting for the connection
    QByteArray m_buffer;
    bool m_waiting = false;
};

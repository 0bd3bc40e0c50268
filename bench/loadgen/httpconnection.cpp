#include "httpconnection.h"

#include "benchcommon.h"

using namespace Qt::StringLiterals;

BenchHttpConnection::BenchHttpConnection(QString host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
    , m_port(port)
{
    connect(&m_socket, &QTcpSocket::connected, this, [this] {
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (!m_pending.isEmpty())
            m_socket.write(std::exchange(m_pending, {}));
    });
    connect(&m_socket, &QTcpSocket::readyRead, this, &BenchHttpConnection::onReadyRead);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] { fail(m_socket.errorString()); });
}

void BenchHttpConnection::post(const QByteArray &path, const QByteArray &body)
{
    const QByteArray request = "POST "_ba + path + " HTTP/1.1\r\nHost: "_ba + m_host.toUtf8() +
                               "\r\nContent-Type: application/json\r\n"
                               "Content-Length: "_ba +
                               QByteArray::number(body.size()) + "\r\n\r\n"_ba + body;
    m_waiting = true;
    m_buffer.clear();
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        m_socket.write(request);
        return;
    }
    m_pending = request;
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        m_socket.connectToHost(m_host, m_port);
}

void BenchHttpConnection::onReadyRead()
{
    m_buffer += m_socket.readAll();
    if (!m_waiting)
        return;
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    // Status line "HTTP/1.1 201 Created", then headers; the body length comes from
    // Content-Length (the server sends no chunked responses to these requests).
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> statusLine = lines.first().split(' ');
    const int status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
    qsizetype length = 0;
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == "content-length")
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (m_buffer.size() < headerEnd + 4 + length)
        return;
    const QByteArray body = m_buffer.mid(headerEnd + 4, length);
    m_buffer.remove(0, headerEnd + 4 + length);
    m_waiting = false;
    Q_EMIT finished(status, body);
}

void BenchHttpConnection::fail(const QString &reason)
{
    if (!m_waiting)
        return;
    m_waiting = false;
    Q_EMIT finished(0, reason.toUtf8());
}

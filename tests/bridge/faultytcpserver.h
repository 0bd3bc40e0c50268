#pragma once

#include <QList>
#include <QPointer>
#include <QTcpServer>

class QTcpSocket;

// The listener of BridgeTestBackend, which can spoil new connections below HTTP: keep them
// open and never answer (a backend slower than any timeout), or reset them (RST) once the
// request has arrived. In Pass mode connections go to the QHttpServer bound to it. Faults act on
// new connections only: set them before the client connects (a keep-alive connection stays
// as it was). Test thread; owned by its parent.
class FaultyTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    enum class Mode { Pass, Silent, Reset };

    explicit FaultyTcpServer(QObject *parent = nullptr);
    ~FaultyTcpServer() override;

    void setMode(Mode mode) { m_mode = mode; }
    int spoiled() const { return m_spoiled; }

Q_SIGNALS:
    void connectionSpoiled();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    Mode m_mode = Mode::Pass;
    int m_spoiled = 0;
    QList<QPointer<QTcpSocket>> m_held;
};

#pragma once

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QTimer>
#include <QUrl>

class Outbox;
class QNetworkAccessManager;
class QNetworkReply;

// The bridge's sign of life for the server's supervision: POST <BACKEND_URL>/api/heartbeat
// {"bridge_id", "outbox_depth", "dead_letters"} at start and every HEARTBEAT_INTERVAL, so that a
// house whose power or uplink is cut is reported rather than silent. One request at a time
// (a backend that is slow to answer gets no pile of them); a failed one is simply the next
// interval's to repeat: nothing is queued, a heartbeat is only worth its moment. Same token,
// CA certificates and no-redirect rule as the event delivery. Main thread; the Bridge owns it.
class HeartbeatSender : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl backendUrl;
        QString token; // never logged
        QList<QSslCertificate> extraCaCertificates;
        QString bridgeId;
        int intervalMs = 30000;
        int transferTimeoutMs = 10000;
    };

    HeartbeatSender(Outbox *outbox, Options options, QObject *parent = nullptr);
    ~HeartbeatSender() override;

    void start(); // the first heartbeat now
    void stop();  // abandons the one in flight

private:
    void send();
    void finished();

    Outbox *m_outbox;
    Options m_options;
    QNetworkAccessManager *m_network;
    QNetworkReply *m_reply = nullptr;
    QTimer m_timer;
    int m_lastStatus = -1; // for logging a change only
};

#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <memory>
#include <optional>

class FaultyTcpServer;
class QHttpServer;
class QJsonArray;
class QHttpServerRequest;
class QHttpServerResponse;

// A real HTTP backend for the bridge tests (QHttpServer on 127.0.0.1) that speaks the contract's
// POST /api/events (single object -> 201, duplicate event_id -> 200, array -> 200 {"stored",
// "duplicates","rejected"}) and can be told to fail: scripted statuses with Retry-After, a
// required bearer token, a refused event, and the answers of a faulty network or proxy (Fault:
// redirects to /moved, which answers 200 {"id"} to anything, a 200 that stores nothing, a 502
// HTML page, no answer, a reset). It records every request and the stored events.
// Used until, and next to, the real vigil-server: the failure modes need a scriptable server.
class BridgeTestBackend : public QObject
{
    Q_OBJECT
public:
    // How a batch holding a refused event is answered: as the contract's server does (200 and
    // the event in "rejected"), or as a stricter server might (400 for the whole batch).
    enum class BatchRefusal { RejectedList, WholeBatch400 };

    enum class Fault {
        None,
        Redirect301, // Location: /moved
        Redirect302,
        Redirect307,
        EmptyArray200,  // 200 []
        Html502,        // what a reverse proxy says when the server is down
        SlowAnswer,     // new connections are never answered (set before the client connects)
        ConnectionReset // new connections are reset once the request arrived (likewise)
    };
    Q_ENUM(Fault)

    struct Request
    {
        QByteArray body;
        QByteArray authorization;
        bool batch = false;
        int status = 0;
    };

    explicit BridgeTestBackend(QObject *parent = nullptr);
    ~BridgeTestBackend() override;

    bool listen(quint16 port = 0); // 0: any free port; again after close() on the same port
    void close();                  // closes the listener and every connection
    quint16 port() const { return m_port; }
    QUrl url() const;

    // The next `times` requests get `status` (with Retry-After when given), storing nothing.
    void answerNext(int status, int times = 1, const QByteArray &retryAfter = {});
    void setRequiredToken(const QByteArray &token) { m_requiredToken = token; }
    void refuseEventId(const QString &eventId, BatchRefusal how);
    // Every request (or new connection, for the last two) gets `fault` until None is set.
    void setFault(Fault fault);
    int faultsServed() const; // requests or connections spoiled so far

    QList<QJsonObject> stored() const { return m_stored; } // distinct event_ids, storage order
    QStringList storedEventIds() const;
    int duplicates() const { return m_duplicates; }
    QList<Request> requests() const { return m_requests; }

Q_SIGNALS:
    void requestHandled(int status);
    void faultServed();

private:
    QHttpServerResponse handle(const QHttpServerRequest &request);
    QHttpServerResponse handleBatch(const QJsonArray &events);
    std::optional<QHttpServerResponse> faultAnswer() const;
    // Stores one event; returns false when it was a duplicate.
    bool store(const QJsonObject &event);

    std::unique_ptr<QHttpServer> m_server;
    FaultyTcpServer *m_listener = nullptr; // owned by m_server
    Fault m_fault = Fault::None;
    int m_httpFaults = 0;
    int m_tcpFaults = 0; // of listeners closed before
    quint16 m_port = 0;
    QList<QJsonObject> m_stored;
    QSet<QString> m_eventIds;
    int m_duplicates = 0;
    QList<Request> m_requests;
    QList<std::pair<int, QByteArray>> m_scripted; // status, Retry-After
    QByteArray m_requiredToken;
    QHash<QString, BatchRefusal> m_refused;
};

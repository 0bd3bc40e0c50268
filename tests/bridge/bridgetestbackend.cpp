#include "bridgetestbackend.h"

#include "faultytcpserver.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace {

// QHttpServerResponse takes headers one by one on Qt 6.4 and as one QHttpHeaders on 6.8.
void addHeader(QHttpServerResponse &response, const QByteArray &name, const QByteArray &value)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    QHttpHeaders headers = response.headers();
    headers.append(name, value);
    response.setHeaders(std::move(headers));
#else
    response.addHeader(name, value);
#endif
}

QHttpServerResponse errorResponse(int status, const QString &message)
{
    return QHttpServerResponse(QJsonObject{{"error"_L1, message}},
                               QHttpServerResponse::StatusCode(status));
}

QString eventIdOf(const QJsonObject &event)
{
    return event.value("details"_L1).toObject().value("event_id"_L1).toString();
}

} // namespace

BridgeTestBackend::BridgeTestBackend(QObject *parent)
    : QObject(parent)
{}

BridgeTestBackend::~BridgeTestBackend() = default;

bool BridgeTestBackend::listen(quint16 port)
{
    m_server = std::make_unique<QHttpServer>();
    m_server->route(u"/api/events"_s, QHttpServerRequest::Method::Post,
                    [this](const QHttpServerRequest &request) { return handle(request); });
    // Where a redirect points: it would take anything, as a login page or a proxy's would.
    m_server->route(u"/moved"_s, [](const QHttpServerRequest &) {
        return QHttpServerResponse(QJsonObject{{"id"_L1, 1}});
    });
    // A listener of our own, bound to the server: QHttpServer::listen() is gone in Qt 6.8.
    auto *listener = new FaultyTcpServer(m_server.get());
    if (!listener->listen(QHostAddress::LocalHost, port)) {
        m_server.reset();
        return false;
    }
    connect(listener, &FaultyTcpServer::connectionSpoiled, this, &BridgeTestBackend::faultServed);
    m_server->bind(listener);
    m_listener = listener;
    m_port = listener->serverPort();
    setFault(m_fault);
    return true;
}

void BridgeTestBackend::close()
{
    if (m_listener)
        m_tcpFaults += m_listener->spoiled();
    m_listener = nullptr;
    // Deleting the server closes its listener and the connections it accepted.
    m_server.reset();
}

void BridgeTestBackend::setFault(Fault fault)
{
    m_fault = fault;
    if (!m_listener)
        return;
    m_listener->setMode(fault == Fault::SlowAnswer        ? FaultyTcpServer::Mode::Silent
                        : fault == Fault::ConnectionReset ? FaultyTcpServer::Mode::Reset
                                                          : FaultyTcpServer::Mode::Pass);
}

int BridgeTestBackend::faultsServed() const
{
    return m_httpFaults + m_tcpFaults + (m_listener ? m_listener->spoiled() : 0);
}

std::optional<QHttpServerResponse> BridgeTestBackend::faultAnswer() const
{
    auto redirect = [](QHttpServerResponse::StatusCode status) {
        QHttpServerResponse response(QByteArray(), status);
        addHeader(response, "Location"_ba, "/moved"_ba);
        return response;
    };
    switch (m_fault) {
    case Fault::Redirect301:
        return redirect(QHttpServerResponse::StatusCode::MovedPermanently);
    case Fault::Redirect302:
        return redirect(QHttpServerResponse::StatusCode::Found);
    case Fault::Redirect307:
        return redirect(QHttpServerResponse::StatusCode::TemporaryRedirect);
    case Fault::EmptyArray200:
        return QHttpServerResponse(QJsonArray());
    case Fault::Html502:
        return QHttpServerResponse("text/html"_ba,
                                   "<html><body><h1>502 Bad Gateway</h1></body></html>"_ba,
                                   QHttpServerResponse::StatusCode::BadGateway);
    case Fault::None:
    case Fault::SlowAnswer:
    case Fault::ConnectionReset:
        break;
    }
    return std::nullopt;
}

QUrl BridgeTestBackend::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

void BridgeTestBackend::answerNext(int status, int times, const QByteArray &retryAfter)
{
    for (int i = 0; i < times; ++i)
        m_scripted.append({status, retryAfter});
}

void BridgeTestBackend::refuseEventId(const QString &eventId, BatchRefusal how)
{
    m_refused.insert(eventId, how);
}

QStringList BridgeTestBackend::storedEventIds() const
{
    QStringList ids;
    for (const QJsonObject &event : m_stored)
        ids.append(eventIdOf(event));
    return ids;
}

bool BridgeTestBackend::store(const QJsonObject &event)
{
    const QString id = eventIdOf(event);
    if (m_eventIds.contains(id)) {
        ++m_duplicates;
        return false;
    }
    m_eventIds.insert(id);
    m_stored.append(event);
    return true;
}

QHttpServerResponse BridgeTestBackend::handle(const QHttpServerRequest &request)
{
    Request record;
    record.body = request.body();
    record.authorization = request.value("Authorization");
    QHttpServerResponse response = [&]() -> QHttpServerResponse {
        if (std::optional<QHttpServerResponse> fault = faultAnswer()) {
            ++m_httpFaults;
            return std::move(*fault);
        }
        if (!m_scripted.isEmpty()) {
            const auto [status, retryAfter] = m_scripted.takeFirst();
            QHttpServerResponse scripted =
                errorResponse(status, u"scripted failure %1"_s.arg(status));
            if (!retryAfter.isEmpty())
                addHeader(scripted, "Retry-After"_ba, retryAfter);
            return scripted;
        }
        if (!m_requiredToken.isEmpty() && record.authorization != "Bearer " + m_requiredToken) {
            QHttpServerResponse refused = errorResponse(401, u"missing or wrong token"_s);
            addHeader(refused, "WWW-Authenticate"_ba, "Bearer"_ba);
            return refused;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(record.body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return errorResponse(400, u"bad JSON: "_s + parseError.errorString());
        if (document.isArray()) {
            record.batch = true;
            return handleBatch(document.array());
        }
        const QJsonObject event = document.object();
        if (m_refused.contains(eventIdOf(event)))
            return errorResponse(400, u"type: refused by the test"_s);
        // As the server does: the stored event with its id, 201 when new, 200 when a duplicate.
        const bool isNew = store(event);
        QJsonObject answer = event;
        answer.insert("id"_L1, int(m_stored.size()));
        return QHttpServerResponse(answer, isNew ? QHttpServerResponse::StatusCode::Created
                                                 : QHttpServerResponse::StatusCode::Ok);
    }();
    record.status = int(response.statusCode());
    m_requests.append(record);
    Q_EMIT requestHandled(record.status);
    if (m_fault != Fault::None)
        Q_EMIT faultServed();
    return response;
}

QHttpServerResponse BridgeTestBackend::handleBatch(const QJsonArray &events)
{
    for (qsizetype i = 0; i < events.size(); ++i) {
        const auto refusal = m_refused.constFind(eventIdOf(events.at(i).toObject()));
        if (refusal != m_refused.cend() && *refusal == BatchRefusal::WholeBatch400)
            return errorResponse(400, u"[%1] type: refused by the test"_s.arg(i));
    }
    int stored = 0;
    int duplicates = 0;
    QJsonArray rejected;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const QJsonObject event = events.at(i).toObject();
        if (m_refused.contains(eventIdOf(event))) {
            rejected.append(
                QJsonObject{{"index"_L1, int(i)}, {"error"_L1, u"type: refused by the test"_s}});
            continue;
        }
        if (store(event))
            ++stored;
        else
            ++duplicates;
    }
    return QHttpServerResponse(QJsonObject{
        {"stored"_L1, stored}, {"duplicates"_L1, duplicates}, {"rejected"_L1, rejected}});
}

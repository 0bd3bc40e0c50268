#include "httpload.h"

#include "benchcommon.h"
#include "httpconnection.h"

#include <algorithm>

using namespace Qt::StringLiterals;

BenchHttpLoad::BenchHttpLoad(const QUrl &server, QByteArray runId, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_runId(std::move(runId))
{}

BenchHttpLoad::~BenchHttpLoad() = default;

void BenchHttpLoad::start(qint64 count, int batch, int parallel)
{
    m_count = count;
    m_batch = std::max(1, batch);
    m_result = {};
    m_startUs = BenchCommon::nowUs();
    m_lastReportUs = m_startUs;
    for (int i = 0; i < std::max(1, parallel) && m_next < m_count; ++i) {
        m_connections.push_back(
            std::make_unique<BenchHttpConnection>(m_server.host(), quint16(m_server.port(80))));
        sendNext(m_connections.back().get());
    }
    if (m_inFlight == 0)
        Q_EMIT finished(m_result);
}

void BenchHttpLoad::sendNext(BenchHttpConnection *connection)
{
    const int events = int(std::min<qint64>(m_batch, m_count - m_next));
    // batch 1 sends a single object: the single-POST path, not a batch of one.
    const QByteArray body = m_batch == 1
                                ? BenchCommon::backendEvent(m_runId, m_next, BenchCommon::nowUs())
                                : BenchCommon::backendBatch(m_runId, m_next, events);
    m_next += events;
    ++m_inFlight;
    connection->disconnect(this);
    connect(connection, &BenchHttpConnection::finished, this,
            [this, connection, events](int status, const QByteArray &response) {
                onFinished(connection, events, status, response);
            });
    connection->post("/api/events"_ba, body);
}

void BenchHttpLoad::onFinished(BenchHttpConnection *connection, int events, int status,
                               const QByteArray &body)
{
    --m_inFlight;
    ++m_result.requests;
    if (status >= 200 && status < 300) {
        m_result.events += events;
    } else {
        if (m_result.failures == 0)
            m_result.firstError =
                u"HTTP %1: %2"_s.arg(status).arg(QString::fromUtf8(body.left(200)));
        ++m_result.failures;
    }
    const qint64 now = BenchCommon::nowUs();
    if (now - m_lastReportUs > 5'000'000) {
        m_lastReportUs = now;
        BenchCommon::note(u"%1 of %2 events posted"_s.arg(m_next).arg(m_count));
    }
    if (m_next < m_count && status != 0) {
        sendNext(connection);
        return;
    }
    if (m_inFlight == 0) {
        m_result.seconds = double(now - m_startUs) / 1e6;
        Q_EMIT finished(m_result);
    }
}

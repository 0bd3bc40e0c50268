#include "servermetrics.h"

void ServerMetrics::countRequest(int status, double seconds)
{
    ++m_requestsByStatus[status];
    ++m_latencyCount;
    m_latencySum += seconds;
    for (size_t i = 0; i < Buckets.size(); ++i) {
        if (seconds <= Buckets[i]) {
            ++m_latencyBuckets[i];
            break;
        }
    }
}

QByteArray ServerMetrics::exposition(int webSocketClients) const
{
    QByteArray text;
    auto counter = [&text](const char *name, const char *help, qint64 value) {
        text += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " counter\n" +
                name + ' ' + QByteArray::number(value) + '\n';
    };
    counter("vigil_events_stored_total", "Events stored.", m_stored);
    counter("vigil_events_duplicate_total", "Events not stored again: their event_id was known.",
            m_duplicates);
    counter("vigil_events_rejected_total", "Events refused by validation.", m_rejected);

    text += "# HELP vigil_http_requests_total HTTP requests answered, by status code.\n"
            "# TYPE vigil_http_requests_total counter\n";
    for (auto it = m_requestsByStatus.constBegin(); it != m_requestsByStatus.constEnd(); ++it)
        text += "vigil_http_requests_total{code=\"" + QByteArray::number(it.key()) + "\"} " +
                QByteArray::number(it.value()) + '\n';

    text += "# HELP vigil_websocket_clients WebSocket clients connected now.\n"
            "# TYPE vigil_websocket_clients gauge\n"
            "vigil_websocket_clients " +
            QByteArray::number(webSocketClients) + '\n';

    text += "# HELP vigil_http_request_duration_seconds Time from request parsed to response "
            "written.\n# TYPE vigil_http_request_duration_seconds histogram\n";
    qint64 cumulative = 0;
    for (size_t i = 0; i < Buckets.size(); ++i) {
        cumulative += m_latencyBuckets[i];
        text += "vigil_http_request_duration_seconds_bucket{le=\"" +
                QByteArray::number(Buckets[i]) + "\"} " + QByteArray::number(cumulative) + '\n';
    }
    text += "vigil_http_request_duration_seconds_bucket{le=\"+Inf\"} " +
            QByteArray::number(m_latencyCount) + '\n';
    text += "vigil_http_request_duration_seconds_sum " + QByteArray::number(m_latencySum, 'g', 9) +
            '\n';
    text +=
        "vigil_http_request_duration_seconds_count " + QByteArray::number(m_latencyCount) + '\n';
    return text;
}

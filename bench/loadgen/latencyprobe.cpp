#include "latencyprobe.h"

#include "benchcommon.h"
#include "websocketerror.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

BenchLatencyProbe::BenchLatencyProbe(const QUrl &webSocketUrl, QByteArray runId, QObject *parent)
    : QObject(parent)
    , m_url(webSocketUrl)
    , m_runId(std::move(runId))
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &BenchLatencyProbe::onMessage);
    onWebSocketError(&m_socket, this, [this] {
        Q_EMIT failed(u"WebSocket %1: %2"_s.arg(m_url.toString(), m_socket.errorString()));
    });
}

void BenchLatencyProbe::open()
{
    m_socket.open(m_url);
}

void BenchLatencyProbe::onMessage(const QString &message)
{
    const qint64 arrivalUs = BenchCommon::nowUs();
    const QByteArray bytes = message.toUtf8();
    if (!m_ready) {
        m_ready = true;
        Q_EMIT ready();
        return;
    }
    if (!bytes.contains(m_runId))
        return;
    const QJsonObject object = QJsonDocument::fromJson(bytes).object();
    if (object[u"kind"].toString() != u"event")
        return;
    // Read as a JSON number, whatever notation the server writes it back in.
    const auto sentUs = qint64(object[u"event"][u"details"][u"data"][u"bench_us"].toDouble());
    if (sentUs <= 0)
        return;
    m_latenciesMs.append(double(arrivalUs - sentUs) / 1000.0);
    Q_EMIT eventReceived(m_latenciesMs.size());
}

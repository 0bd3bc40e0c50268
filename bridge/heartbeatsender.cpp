#include "heartbeatsender.h"

#include "deliveryrequest.h"
#include "outbox.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcHeartbeat, "vigil.bridge.heartbeat")

HeartbeatSender::HeartbeatSender(Outbox *outbox, Options options, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this))
{
    m_timer.setInterval(m_options.intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &HeartbeatSender::send);
}

HeartbeatSender::~HeartbeatSender()
{
    stop();
}

void HeartbeatSender::start()
{
    m_timer.start();
    send();
}

void HeartbeatSender::stop()
{
    m_timer.stop();
    if (m_reply) {
        QNetworkReply *reply = std::exchange(m_reply, nullptr);
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void HeartbeatSender::send()
{
    if (m_reply)
        return; // the last one is still under way
    const QNetworkRequest request = DeliveryRequest::make(
        DeliveryRequest::apiUrl(m_options.backendUrl, u"/api/heartbeat"_s), m_options.token,
        m_options.extraCaCertificates, m_options.transferTimeoutMs);
    const qint64 deadLetters = m_outbox->deadLetterCount();
    const QJsonObject body{{u"bridge_id"_s, m_options.bridgeId},
                           {u"outbox_depth"_s, m_outbox->depth()},
                           {u"dead_letters"_s, qMax<qint64>(0, deadLetters)}};
    m_reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(m_reply, &QNetworkReply::finished, this, &HeartbeatSender::finished);
}

void HeartbeatSender::finished()
{
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // One line when it changes, not one every interval.
    if (status != m_lastStatus) {
        if (status == 204)
            qCInfo(lcHeartbeat) << "heartbeats are answered";
        else if (status == 0)
            qCWarning(lcHeartbeat).noquote()
                << u"heartbeat not answered: "_s + reply->errorString();
        else
            qCWarning(lcHeartbeat).noquote() << u"heartbeat answered %1"_s.arg(status);
        m_lastStatus = status;
    }
}

#include "alarmtestserver.h"

#include "guidepayloads.h"

using namespace Qt::StringLiterals;

namespace {

QProcessEnvironment environmentFor(AlarmTestServer::Delays delays, QProcessEnvironment more)
{
    more.insert(u"EXIT_DELAY"_s, QString::number(delays.exit));
    more.insert(u"ENTRY_DELAY"_s, QString::number(delays.entry));
    more.insert(u"TRIGGER_TIME"_s, QString::number(delays.trigger));
    return more;
}

} // namespace

AlarmTestServer::AlarmTestServer(Delays delays, const QProcessEnvironment &more)
    : m_server({}, environmentFor(delays, more))
{}

bool AlarmTestServer::start(QString *error)
{
    const bool started = m_server.start(error);
    m_http = std::make_unique<HttpTestClient>(m_server.url());
    return started;
}

HttpTestClient::Reply AlarmTestServer::act(const QString &action, const QString &code)
{
    QJsonObject body{{u"action"_s, action}};
    if (!code.isEmpty())
        body.insert(u"code"_s, code);
    return m_http->put(u"/api/alarm"_s, GuidePayloads::bytes(body));
}

HttpTestClient::Reply AlarmTestServer::motion(const QString &device, const QJsonObject &moreDetails)
{
    QJsonObject event = GuidePayloads::make(u"motion_detected"_s, device);
    QJsonObject details = event.value(u"details").toObject();
    for (auto it = moreDetails.begin(); it != moreDetails.end(); ++it)
        details.insert(it.key(), it.value());
    event.insert(u"details"_s, details);
    return m_http->post(u"/api/events"_s, GuidePayloads::bytes(event));
}

HttpTestClient::Reply AlarmTestServer::setRole(const QString &device, const QString &role,
                                               const QString &code)
{
    QJsonObject body{{u"role"_s, role}};
    if (!code.isEmpty())
        body.insert(u"code"_s, code);
    return m_http->put(u"/api/devices/%1/sensor-motion"_s.arg(device), GuidePayloads::bytes(body));
}

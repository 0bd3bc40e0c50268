#include "modecontrol.h"

#include "dashboardapi.h"

#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMode, "vigil.dashboard.mode")

using namespace Qt::StringLiterals;

ModeControl::ModeControl(DashboardApi *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

void ModeControl::apply(const FeedParser::Mode &mode)
{
    if (mode.name == m_mode && mode.changedAt == m_changedAt)
        return;
    m_mode = mode.name;
    m_changedAt = mode.changedAt;
    qCInfo(lcMode) << "mode is" << m_mode;
    Q_EMIT modeChanged();
}

void ModeControl::setMode(const QString &mode)
{
    if (mode != "active"_L1 && mode != "surveillance"_L1) {
        qCWarning(lcMode) << "not a mode:" << mode;
        return;
    }
    Q_EMIT requested(mode);
    setPending(true);
    m_api->put(u"/api/mode"_s, QJsonDocument(QJsonObject{{u"mode"_s, mode}}), this,
               [this](const DashboardApi::Reply &reply) {
                   setPending(false);
                   if (reply.ok() && reply.body.isObject()) {
                       QString error;
                       if (const auto answer = FeedParser::readMode(reply.body.object(), &error))
                           apply(*answer);
                       else
                           qCWarning(lcMode).noquote() << "ignoring the answer:" << error;
                       return;
                   }
                   const QString error =
                       tr("Could not change the mode: %1")
                           .arg(reply.ok() ? u"unexpected answer"_s : reply.errorString);
                   qCWarning(lcMode).noquote() << error;
                   Q_EMIT failed(error);
               });
}

void ModeControl::toggle()
{
    setMode(isSurveillance() ? u"active"_s : u"surveillance"_s);
}

void ModeControl::setPending(bool pending)
{
    if (pending == m_pending)
        return;
    m_pending = pending;
    Q_EMIT pendingChanged();
}

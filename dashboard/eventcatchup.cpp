#include "eventcatchup.h"

#include "dashboardapi.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrlQuery>

#include <algorithm>

Q_LOGGING_CATEGORY(lcCatchUp, "vigil.dashboard.catchup")

using namespace Qt::StringLiterals;

EventCatchUp::EventCatchUp(DashboardApi *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

void EventCatchUp::start(qint64 afterId, qint64 beforeId, int maxEvents)
{
    cancel();
    m_run = new QObject(this);
    m_afterId = afterId;
    m_remaining = maxEvents;
    qCInfo(lcCatchUp) << "fetching the events between" << afterId << "and" << beforeId;
    fetchPage(beforeId);
}

void EventCatchUp::cancel()
{
    delete m_run.data();
}

void EventCatchUp::fetchPage(qint64 beforeId)
{
    QUrlQuery query;
    query.addQueryItem(u"before_id"_s, QString::number(beforeId));
    const int limit = std::min(PageSize, m_remaining);
    query.addQueryItem(u"limit"_s, QString::number(limit));
    m_api->get(u"/api/events"_s, query, m_run, [this, limit](const DashboardApi::Reply &reply) {
        if (!reply.ok() || !reply.body.isArray()) {
            const QString error =
                reply.ok() ? u"GET /api/events did not return an array"_s : reply.errorString;
            qCWarning(lcCatchUp) << "catch-up failed:" << error;
            finish(false, error);
            return;
        }
        const QJsonArray page = reply.body.array();
        QList<DashboardEvent> fresh;
        qint64 oldest = 0;
        bool reachedKnown = false;
        for (const auto &value : page) {
            QString error;
            const auto event = DashboardEvent::fromJson(value.toObject(), &error);
            if (!event) {
                qCWarning(lcCatchUp) << "skipping a stored event:" << error;
                continue;
            }
            oldest = oldest == 0 ? event->id : std::min(oldest, event->id);
            if (event->id <= m_afterId)
                reachedKnown = true;
            else
                fresh.append(*event);
        }
        m_remaining -= int(page.size());
        if (!fresh.isEmpty())
            Q_EMIT eventsFetched(fresh);
        const bool more = !reachedKnown && page.size() >= limit && m_remaining > 0 && oldest > 0;
        if (more) {
            fetchPage(oldest);
            return;
        }
        qCInfo(lcCatchUp) << "caught up";
        finish(true, {});
    });
}

void EventCatchUp::finish(bool ok, const QString &errorString)
{
    // Called from a reply of the run: the run's context goes once the callback returns.
    QObject *run = m_run;
    m_run = nullptr;
    run->deleteLater();
    Q_EMIT finished(ok, errorString);
}

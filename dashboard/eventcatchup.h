#pragma once

#include "dashboardevent.h"

#include <QList>
#include <QObject>
#include <QPointer>

class DashboardApi;

// Fetches the events stored while the dashboard was away: pages of GET /api/events?before_id=
// going back from `beforeId` until it reaches `afterId` (the newest id seen before the
// outage) or has `maxEvents`. Owned by ServerConnection; GUI thread.
class EventCatchUp : public QObject
{
    Q_OBJECT
public:
    static constexpr int PageSize = 100;

    EventCatchUp(DashboardApi *api, QObject *parent = nullptr);

    void start(qint64 afterId, qint64 beforeId, int maxEvents);
    void cancel();
    bool isRunning() const { return !m_run.isNull(); }

Q_SIGNALS:
    void eventsFetched(const QList<DashboardEvent> &events); // only ids > afterId
    void finished(bool ok, const QString &errorString);

private:
    void fetchPage(qint64 beforeId);
    void finish(bool ok, const QString &errorString);

    DashboardApi *m_api;
    QPointer<QObject> m_run; // context of the current run: deleting it drops its replies
    qint64 m_afterId = 0;
    int m_remaining = 0;
};

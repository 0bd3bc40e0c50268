#pragma once

#include "dashboardevent.h"
#include "relativetime.h"

#include <QAbstractListModel>
#include <QList>
#include <QSet>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

// The events the dashboard shows: newest first (by server id), at most `capacity`, each id at
// most once. Owned by ServerConnection; GUI thread. The relative-time role is refreshed every
// 30 s so "2 min ago" keeps counting without anyone polling.
class EventListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("EventListModel belongs to a ServerConnection")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        EventIdRole = Qt::UserRole + 1,
        TypeRole,
        TitleRole,
        DeviceIdRole,
        SourceRole,
        ReceivedAtRole,
        RelativeTimeRole,
        AlertRole,
        DetailsRole,
        SummaryRole,
        IconNameRole,
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 500;

    explicit EventListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_events.size()); }
    int capacity() const { return m_capacity; }
    void setCapacity(int capacity);
    void setClock(RelativeTime::Clock clock);

    // Inserts at the place its id belongs; false when the id is already there or the event is
    // older than everything a full model keeps.
    bool add(const DashboardEvent &event);
    bool contains(qint64 id) const { return m_ids.contains(id); }
    qint64 newestId() const { return m_events.isEmpty() ? 0 : m_events.constFirst().id; }
    qint64 oldestId() const { return m_events.isEmpty() ? 0 : m_events.constLast().id; }
    const DashboardEvent &at(int row) const { return m_events.at(row); }
    void clear();

    // Re-evaluates the relative times (the timer calls it; tests call it after moving the clock).
    void refreshTimes();

Q_SIGNALS:
    void countChanged();

private:
    void trimToCapacity();

    QList<DashboardEvent> m_events; // sorted by id, descending
    QSet<qint64> m_ids;
    int m_capacity = DefaultCapacity;
    RelativeTime::Clock m_clock = RelativeTime::systemClock();
    QTimer m_timeTicker;
};

#include "eventlistmodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

EventListModel::EventListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    m_timeTicker.setInterval(30s);
    connect(&m_timeTicker, &QTimer::timeout, this, &EventListModel::refreshTimes);
    m_timeTicker.start();
}

int EventListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

QVariant EventListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DashboardEvent &event = m_events.at(index.row());
    switch (role) {
    case EventIdRole:
        return event.id;
    case TypeRole:
        return event.type;
    case Qt::DisplayRole:
    case TitleRole:
        return event.title();
    case DeviceIdRole:
        return event.deviceId;
    case SourceRole:
        return event.source;
    case ReceivedAtRole:
        return event.receivedAt;
    case RelativeTimeRole:
        return RelativeTime::format(event.receivedAt, m_clock());
    case AlertRole:
        return event.alert;
    case DetailsRole:
        return event.details.toVariantMap();
    case SummaryRole:
        return event.summary();
    case IconNameRole:
        return event.iconName();
    }
    return {};
}

QHash<int, QByteArray> EventListModel::roleNames() const
{
    return {
        {EventIdRole, "eventId"},
        {TypeRole, "type"},
        {TitleRole, "title"},
        {DeviceIdRole, "deviceId"},
        {SourceRole, "source"},
        {ReceivedAtRole, "receivedAt"},
        {RelativeTimeRole, "relativeTime"},
        {AlertRole, "alert"},
        {DetailsRole, "details"},
        {SummaryRole, "summary"},
        {IconNameRole, "iconName"},
    };
}

void EventListModel::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    trimToCapacity();
}

void EventListModel::setClock(RelativeTime::Clock clock)
{
    m_clock = std::move(clock);
    refreshTimes();
}

bool EventListModel::add(const DashboardEvent &event)
{
    if (m_ids.contains(event.id))
        return false;
    // Newest first: the first row whose id is smaller is where this one goes.
    const auto position = std::find_if(m_events.cbegin(), m_events.cend(),
                                       [&](const DashboardEvent &e) { return e.id < event.id; });
    const int row = int(position - m_events.cbegin());
    if (row >= m_capacity)
        return false;
    beginInsertRows({}, row, row);
    m_events.insert(row, event);
    m_ids.insert(event.id);
    endInsertRows();
    trimToCapacity();
    Q_EMIT countChanged();
    return true;
}

void EventListModel::clear()
{
    if (m_events.isEmpty())
        return;
    beginResetModel();
    m_events.clear();
    m_ids.clear();
    endResetModel();
    Q_EMIT countChanged();
}

void EventListModel::refreshTimes()
{
    if (!m_events.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_events.size()) - 1), {RelativeTimeRole});
}

void EventListModel::trimToCapacity()
{
    if (m_events.size() <= m_capacity)
        return;
    const int first = m_capacity;
    const int last = int(m_events.size()) - 1;
    beginRemoveRows({}, first, last);
    for (int row = last; row >= first; --row)
        m_ids.remove(m_events.takeAt(row).id);
    endRemoveRows();
    Q_EMIT countChanged();
}

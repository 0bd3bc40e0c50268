#pragma once

#include "modestate.h"
#include "storedevent.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

// What a request may ask of GET /api/events. Empty filters are not applied.
struct EventQuery
{
    int limit = 100;
    std::optional<qint64> beforeId;
    QString type;
    QString deviceId;
    std::optional<qint64> sinceMs; // received_at >= sinceMs
};

// The outcome of storing one event of a request.
struct InsertOutcome
{
    bool duplicate = false;
    // The stored event; for a duplicate, the original when the caller asked for originals
    // (otherwise left empty, id 0).
    StoredEvent event;
};

// One row per (device_id, source), kept up to date as events arrive.
struct DeviceStatus
{
    QString deviceId;
    QString source;             // empty when the events carried no details.source
    std::optional<bool> online; // from the latest sensor_online/sensor_offline, if any
    qint64 lastSeenMs = 0;
    QString lastType; // latest non-status type; empty if only status events were seen
    QString name;     // given by a person; empty when unnamed
    QString role = QStringLiteral("entry"); // the sensor's role for the alarm
};

// The server's storage, kept narrow so that another database (PostgreSQL) can implement it
// without the HTTP code changing. Every call is synchronous and transactional: when a write
// returns success, it is durable as far as the implementation promises. Single-threaded: used
// from the thread that opened it.
class EventStore
{
public:
    virtual ~EventStore() = default;

    virtual bool open(QString *error) = 0;
    virtual void close() = 0;

    // Stores `events` in one transaction, all or nothing. Events whose details.event_id is
    // already stored (or appears earlier in `events`) are duplicates and are not stored again.
    // Returns one outcome per input event, or nullopt and *error when nothing was stored.
    // `beforeCommit`, when given, runs inside the transaction with the outcomes (the alarm
    // stores the change these events caused); false from it rolls everything back.
    using InsertHook = std::function<bool(const QList<InsertOutcome> &outcomes, QString *error)>;
    virtual std::optional<QList<InsertOutcome>> insert(const QList<NewEvent> &events,
                                                       qint64 receivedAtMs, bool fetchOriginals,
                                                       QString *error,
                                                       const InsertHook &beforeCommit = {}) = 0;

    // Newest first.
    virtual std::optional<QList<StoredEvent>> query(const EventQuery &query, QString *error) = 0;
    virtual std::optional<StoredEvent> event(qint64 id, QString *error) = 0; // nullopt: none
    // At most `limit` rows, by device_id then source.
    virtual std::optional<QList<DeviceStatus>> devices(int limit, QString *error) = 0;

    virtual ModeState mode() const = 0;
    virtual bool setMode(const ModeState &state, QString *error) = 0;

    // True while the store can read and write now (a probe each call, not the memory of an old
    // failure); else false and *error says why.
    virtual bool isHealthy(QString *error) = 0;
};

#pragma once

#include "alarmmachine.h"
#include "alarmstatus.h"
#include "devicelabel.h"
#include "eventstore.h"
#include "modestate.h"
#include "sensorrole.h"

#include <QHash>
#include <QObject>
#include <QPair>
#include <QStringList>
#include <QTimer>

#include <functional>

class AlarmStore;
class LiveFeed;

// The alarm in the running server: the AlarmMachine (the rules) wired to the database, the
// clock, the live feed and the events. It judges each arriving event by the alarm state of the
// moment it happened (EventMoment, the stored history), applies the ones that act now inside
// the events' own transaction, runs the timer to the next deadline, and at start applies the
// deadlines that passed while the server was down, at their own times. Every change is stored
// (status, history, audit) before it is adopted and then sent to every WebSocket client, with
// the guide's mode view when that changes. Main thread; VigilServer owns it.
class AlarmService : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; // ms since epoch, UTC

    struct Options
    {
        AlarmMachine::Delays delays;
        QStringList alertTypes;
        bool codeArmRequired = false;
        std::function<bool()> usersExist; // whether codes are asked at all
    };

    // What a batch of arriving events will do to the alarm once stored (judge -> apply inside
    // the insert's transaction -> adopt after its commit).
    struct Batch
    {
        QList<qsizetype> acting;          // indices of the events that act now
        QList<SensorRole> actingRoles;    // their sensors' roles
        std::optional<AlarmMachine> next; // the machine after them (apply)
        QList<AlarmStatus> passed;        // the states they went through
    };

    AlarmService(EventStore *events, AlarmStore *store, LiveFeed *feed, Options options,
                 Clock clock, QObject *parent = nullptr);
    ~AlarmService() override;

    bool start(QString *error);

    const AlarmStatus &status() const { return m_machine->status(); }
    // GET /api/alarm: the status with "code_required".
    QJsonObject toJson() const;
    ModeState modeView() const { return m_modeView; }
    bool codeArmRequired() const { return m_options.codeArmRequired; }

    // Sets "alert" and "late" on `events` (arriving now, at `receivedAtMs`).
    Batch judge(QList<NewEvent> &events, qint64 receivedAtMs);
    // The hook for EventStore::insert: applies the batch's stored, acting events to a copy of
    // the machine and stores the change in the insert's transaction.
    EventStore::InsertHook applying(Batch *batch);
    // After the insert committed: the batch's machine becomes the alarm.
    void adopt(Batch &batch);

    // A person's action (any code already checked): the new status, or nullopt and *error when
    // the change could not be stored (nothing changed then).
    std::optional<AlarmStatus> act(AlarmMachine::Action action, const QString &by, QString *error);
    // The guide's PUT /api/mode: surveillance arms away at once (no exit delay, as the guide's
    // toggle did), active disarms.
    std::optional<AlarmStatus> setModeView(ModeState::Mode mode, const QString &by, QString *error);

    SensorRole roleOf(const QString &deviceId, const QString &source) const;
    // A sensor's name or role changed (already stored).
    void relabel(const DeviceLabel &change);

Q_SIGNALS:
    // Each state the alarm went through, oldest first (for the notifications).
    void changed(const AlarmStatus &status);

private:
    std::optional<AlarmStatus> change(AlarmMachine next, const QList<AlarmStatus> &passed,
                                      QString *error);
    bool save(const QList<AlarmStatus> &passed, QString *error);
    void publish(AlarmMachine next, const QList<AlarmStatus> &passed);
    static ModeState::Mode viewOf(const AlarmStatus &status);
    void armTimer();
    void catchUp(); // the timer changes that are due, before anything else is judged
    AlarmStatus stateAt(qint64 atMs) const;
    bool disarmedSince(qint64 atMs) const;

    EventStore *m_events;
    AlarmStore *m_store;
    LiveFeed *m_feed;
    Options m_options;
    Clock m_clock;
    std::optional<AlarmMachine> m_machine; // set by start()
    ModeState m_modeView;
    QHash<QPair<QString, QString>, SensorRole> m_roles; // the sensors not in the default role
    QHash<QPair<QString, QString>, QString> m_names;    // the named sensors, for the audit log
    QTimer m_timer;
};

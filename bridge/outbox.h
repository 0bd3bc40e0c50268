#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

// One converted event waiting in the outbox.
struct OutboxEvent
{
    qint64 id = 0;   // assigned by Outbox::append, increasing in arrival order
    QByteArray body; // the compact JSON object posted to the backend
    QString type;    // for the logs
    QString eventId; // details.event_id, for the logs
    qint64 receivedAtMs = 0;
};

// An event the backend refused for good, with what the backend said.
struct DeadLetter
{
    OutboxEvent event;
    int httpStatus = 0;
    QString error;
};

// The bridge's durable queue: a SQLite file in WAL mode holding every accepted event until the
// backend has answered 2xx for it, the dead letters, and a few facts for `--status`.
//
// Events are appended many at a time (one transaction per event-loop turn) and leave from the
// head in id order. WAL with synchronous=NORMAL makes a committed transaction survive a crash or
// kill -9 of the bridge; OUTBOX_SYNC=full also fsyncs every commit to survive power loss.
// When OUTBOX_MAX_EVENTS is reached the OLDEST events are discarded to make room (counted,
// logged): for a surveillance system what happens now matters more than what happened hours
// ago, and MQTT offers no way to push back on the sensors (libmosquitto acknowledges on read).
//
// Owned by Bridge, used on its thread only (QSqlDatabase connections are per thread).
class Outbox
{
public:
    enum class Sync { Normal, Full };
    static constexpr qint64 DefaultMaxEvents = 1000000;

    // Keys of the meta table (BridgeStatus reads them).
    static inline const QString MetaLastDelivery = QStringLiteral("last_delivery_at");
    static inline const QString MetaLastError = QStringLiteral("last_error");
    static inline const QString MetaLastErrorAt = QStringLiteral("last_error_at");
    static inline const QString MetaDiscarded = QStringLiteral("discarded_total");

    explicit Outbox(const QString &path);
    ~Outbox();
    Outbox(const Outbox &) = delete;
    Outbox &operator=(const Outbox &) = delete;

    bool open(Sync sync, QString *error);
    QString path() const { return m_path; }
    void setMaxEvents(qint64 maxEvents) { m_maxEvents = maxEvents; }

    // Stores `events` in one transaction and gives each its id. Discards the oldest stored
    // events first when the limit would be passed.
    bool append(QList<OutboxEvent> *events, QString *error);

    // The oldest events, at most `maxEvents` and `maxBytes` of bodies (always at least one when
    // the outbox is not empty).
    QList<OutboxEvent> peek(int maxEvents, qint64 maxBytes);

    // After a backend answer: removes the events with ids firstId..lastId, moving `dead` to the
    // dead-letter table, and records the delivery time, all in one transaction.
    bool settle(qint64 firstId, qint64 lastId, const QList<DeadLetter> &dead, qint64 nowMs,
                QString *error);

    // Remembers the latest failure for --status; false when even that could not be written
    // (the Bridge's probe of a full or read-only outbox).
    bool recordError(const QString &message, qint64 nowMs);

    qint64 depth() const { return m_depth; }
    qint64 discardedTotal() const { return m_discarded; }
    qint64 deadLetterCount();

private:
    bool exec(const QString &sql, QString *error);
    bool prepareStatements(QString *error);
    bool discardOldest(qint64 count, QString *error);
    void writeMeta(const QString &key, const QString &value);
    QString readMeta(const QString &key);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    // The statements of every event, prepared once in open(): parsing them again on each call
    // was a tenth of the bridge's CPU time under load.
    QSqlQuery m_insert;
    QSqlQuery m_peek;
    QSqlQuery m_remove;
    QSqlQuery m_writeMeta;
    qint64 m_depth = 0;
    qint64 m_discarded = 0;
    qint64 m_maxEvents = DefaultMaxEvents;
    QElapsedTimer m_lastDiscardLog;
};

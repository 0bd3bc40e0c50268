#pragma once

#include "outbox.h"

#include <QList>
#include <QString>

#include <optional>

// `vigil-bridge --status`: what an outbox file says about delivery (depth, dead letters, last
// delivery, last error), read without changing it, so it works while the bridge runs. A plain
// value type; any thread.
class BridgeStatus
{
public:
    qint64 depth = 0;
    qint64 oldestReceivedAtMs = 0; // 0 when empty
    qint64 deadLetters = 0;
    qint64 discarded = 0;
    qint64 lastDeliveryAtMs = 0; // 0 when never
    QString lastError;
    qint64 lastErrorAtMs = 0;
    QList<DeadLetter> recentDeadLetters; // newest first, at most RecentDeadLetters
    // The outbox's file system now: a running bridge that cannot write there stops reading
    // from the broker, and the file cannot say so itself.
    qint64 freeBytes = -1; // -1 when unknown
    bool readOnly = false;

    static constexpr int RecentDeadLetters = 5;
    // Below this much free space a commit of a few hundred events fails.
    static constexpr qint64 FullBelowBytes = 64LL * 1024;

    static std::optional<BridgeStatus> read(const QString &outboxPath, QString *error);

    // Human-readable, one fact per line, for stdout.
    QString toText(const QString &outboxPath) const;
};

#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

// The surveillance/active mode and when it last changed. A plain value; any thread.
struct ModeState
{
    enum class Mode { Active, Surveillance };
    Mode mode = Mode::Active;
    qint64 changedAtMs = 0;

    // {"mode": "active"|"surveillance", "changed_at": "…Z"}
    QJsonObject toJson() const;
    static QString name(Mode mode);
    static std::optional<Mode> fromName(const QString &name);
};

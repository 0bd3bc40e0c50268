#include "modestate.h"

#include "storedevent.h"

QJsonObject ModeState::toJson() const
{
    return QJsonObject{{QStringLiteral("mode"), name(mode)},
                       {QStringLiteral("changed_at"), StoredEvent::formatTime(changedAtMs)}};
}

QString ModeState::name(Mode mode)
{
    return mode == Mode::Surveillance ? QStringLiteral("surveillance") : QStringLiteral("active");
}

std::optional<ModeState::Mode> ModeState::fromName(const QString &name)
{
    if (name == u"active")
        return Mode::Active;
    if (name == u"surveillance")
        return Mode::Surveillance;
    return std::nullopt;
}

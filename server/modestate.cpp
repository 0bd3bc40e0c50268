#include "modestate.h"

#include "storedevent.h"

using namespace Qt::StringLiterals;

QJsonObject ModeState::toJson() const
{
    return QJsonObject{{u"mode"_s, name(mode)},
                       {u"changed_at"_s, StoredEvent::formatTime(changedAtMs)}};
}

QString ModeState::name(Mode mode)
{
    return mode == Mode::Surveillance ? u"surveillance"_s : u"active"_s;
}

std::optional<ModeState::Mode> ModeState::fromName(const QString &name)
{
    if (name == u"active")
        return Mode::Active;
    if (name == u"surveillance")
        return Mode::Surveillance;
    return std::nullopt;
}

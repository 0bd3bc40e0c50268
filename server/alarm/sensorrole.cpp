#include "sensorrole.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// The one table of names; of(), parse() and all() read it, so they cannot disagree.
const std::array<std::pair<SensorRole, QString>, 5> &roleNames()
{
    static const std::array<std::pair<SensorRole, QString>, 5> names{{
        {SensorRole::Entry, u"entry"_s},
        {SensorRole::Interior, u"interior"_s},
        {SensorRole::Instant, u"instant"_s},
        {SensorRole::Always, u"always"_s},
        {SensorRole::Ignored, u"ignored"_s},
    }};
    return names;
}

} // namespace

QString SensorRoleName::of(SensorRole role)
{
    for (const auto &[value, name] : roleNames()) {
        if (value == role)
            return name;
    }
    return roleNames().front().second; // unreachable: every enumerator is in the table
}

std::optional<SensorRole> SensorRoleName::parse(const QString &name)
{
    for (const auto &[value, roleName] : roleNames()) {
        if (roleName == name)
            return value;
    }
    return std::nullopt;
}

QStringList SensorRoleName::all()
{
    QStringList names;
    names.reserve(qsizetype(roleNames().size()));
    for (const auto &entry : roleNames())
        names.append(entry.second);
    return names;
}

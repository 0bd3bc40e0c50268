#pragma once

#include "settings.h"

#include <QString>

#include <optional>

// The type check of one setting's value against its table row (SettingSpec), shared by the
// loader and the typed accessors. Plain functions; any thread.
class SettingCheck
{
public:
    // What is accepted ("a whole number from 1 to 65535") when `value` is not valid for `spec`
    // (its type, then its own validate()), else an empty string.
    static QString problem(const SettingSpec &spec, const QString &value);

    // true/false, 1/0, yes/no, on/off (any case); nullopt for anything else.
    static std::optional<bool> boolean(const QString &text);
};

#pragma once

#include "settings.h"

#include <QLoggingCategory>

// Logging shared by every program: one line per message on stderr, "program: level: [category]
// message", no colour codes, levels from LOG_LEVEL (debug, info, warning, error) unless
// QT_LOGGING_RULES says otherwise.
namespace Logging {

SettingSpec levelSetting();

// Installs the message handler and the filter for `level` ("info" when empty).
void install(const QString &programName, const QString &level);

} // namespace Logging

#pragma once

#include "settings.h"

#include <QString>
#include <QUrl>

#include <optional>

// Everything vigil-dashboard runs with, as its settings give it; the defaults here are the
// settings table's. A plain value.
struct DashboardConfig
{
    QUrl server{QStringLiteral("http://localhost:8000")}; // the WebSocket URL is derived from it
    QString token;                                        // secret: never logged
    bool fullscreen = false;
    QString screenshot; // set: save the window as this PNG once the data is shown, then exit
    QString language;   // empty: the system locale
    bool mute = false;
    QString logLevel;
};

// The settings table of vigil-dashboard (the contract's VIGIL_SERVER, VIGIL_TOKEN, ...; the
// defaults are DashboardConfig's) and how its values become a DashboardConfig.
class DashboardSettings
{
public:
    static inline const QString Server = QStringLiteral("VIGIL_SERVER");
    static inline const QString Token = QStringLiteral("VIGIL_TOKEN");
    static inline const QString Fullscreen = QStringLiteral("VIGIL_FULLSCREEN");
    static inline const QString Screenshot = QStringLiteral("VIGIL_SCREENSHOT");
    static inline const QString Language = QStringLiteral("VIGIL_LANG");
    static inline const QString Mute = QStringLiteral("VIGIL_MUTE");

    static ProgramSpec program();

    // The config of the loaded table (every check is the table's: never nullopt today).
    static std::optional<DashboardConfig> load(const Settings &settings, QString *error);
};

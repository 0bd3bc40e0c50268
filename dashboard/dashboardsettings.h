#pragma once

#include "settings.h"

// The settings table of vigil-dashboard (the contract's VIGIL_SERVER, VIGIL_TOKEN, ...).
namespace DashboardSettings {

inline constexpr auto Server = "VIGIL_SERVER";
inline constexpr auto Token = "VIGIL_TOKEN";
inline constexpr auto Fullscreen = "VIGIL_FULLSCREEN";
inline constexpr auto Screenshot = "VIGIL_SCREENSHOT";
inline constexpr auto Language = "VIGIL_LANG";
inline constexpr auto Mute = "VIGIL_MUTE";
inline constexpr auto LogLevel = "LOG_LEVEL";

ProgramSpec program();

} // namespace DashboardSettings

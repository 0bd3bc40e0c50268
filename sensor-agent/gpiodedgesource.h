#pragma once

// GpiodEdgeSource: the GPIO edge source for the libgpiod this agent is built against, the one
// name the rest of the code uses. libgpiod 2 changed the whole API, so each major version has its
// own source behind EdgeSource; sensor-agent/CMakeLists.txt, the only place that knows which
// libgpiod pkg-config found, compiles one of them and sets VIGIL_GPIOD_API to its major version.

#if !defined(VIGIL_GPIOD_API)
#error "VIGIL_GPIOD_API is set by sensor-agent/CMakeLists.txt (link vigil_agent_core)"
#elif VIGIL_GPIOD_API == 2
#include "gpiodv2edgesource.h"
using GpiodEdgeSource = GpiodV2EdgeSource;
#elif VIGIL_GPIOD_API == 1
#include "gpiodv1edgesource.h"
using GpiodEdgeSource = GpiodV1EdgeSource;
#else
#error "VIGIL_GPIOD_API must be 1 or 2"
#endif

#pragma once

#include <QtGlobal>

// A TCP port on 127.0.0.1 that nobody listens on right now: the kernel picks it when we bind
// port 0, and we release it at once. Another process could take it before the caller binds
// it, which is unlikely enough on a test machine.
class FreePort
{
public:
    static quint16 find(); // 0 when no port could be bound
};

#include "privatefiles.h"

#include <sys/stat.h>

namespace PrivateFiles {

void restrictNewFiles()
{
    // A umask rather than a chmod after each open: SQLite creates its -wal, -shm and -journal
    // files itself, and a chmod after creation leaves a window in which they are readable.
    ::umask(S_IRWXG | S_IRWXO);
}

} // namespace PrivateFiles

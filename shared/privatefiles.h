#pragma once

// Every file a program creates is readable by its own user only: the server's database, the
// bridge's outbox (events, device names, the alarm's history) and SQLite's -wal, -shm and
// -journal beside them, whatever the umask of the shell or service manager that started it.
namespace PrivateFiles {

// umask(0077), process-wide: main() calls it first, before anything creates a file.
void restrictNewFiles();

} // namespace PrivateFiles

#include <sqlite3.h>

/// Turns off SQLite's memory statistics (a global mutex taken on every allocation). Only works
/// before the library is initialised, that is before the first connection is opened.
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

#include <malloc.h>

/// glibc's M_ARENA_MAX (a macro Swift imports only as a literal it cannot name).
static inline int cmalloc_arena_max(void) { return M_ARENA_MAX; }

import CMalloc

/// The console stays open all day: its heap keeps to one malloc arena and gives freed pages back after each
/// read of the signals or the trends, so its resident memory is what it holds, not what it once held.
enum ConsoleMemory {
    /// One arena. Otherwise glibc gives every thread that meets a locked arena its own, and the store's work hops
    /// between the cooperative threads, so freed memory piles up in several arenas that are never reused.
    static func useOneArena() { _ = mallopt(cmalloc_arena_max(), 1) }

    /// Returns the heap's free pages to the system (after a read's rows are gone).
    static func returnFreePages() { _ = malloc_trim(0) }
}

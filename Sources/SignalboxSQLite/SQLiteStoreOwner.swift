#if canImport(Glibc)
import Glibc
#endif

/// Who owns a SQLite store: the OS user owning its file. Decisions reserved to the store's owner (changing the
/// reprocess policy) are permitted only to a process running as that user.
enum SQLiteStoreOwner {
    /// Whether the effective user of this process owns the file at `path` (false when it cannot be read).
    static func isCurrentUser(ownerOf path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_uid == geteuid()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes sure a read-only open by another OS account never leaves behind a `-wal` or `-shm` file the store's
/// owner cannot write.
///
/// A WAL-mode SQLite file needs both beside it while in use, and the first connection creates them, owned by its
/// own account with the database file's mode (SQLite resets the mode of a new, empty one to the database's): a
/// viewer in a group-writable shared directory creates them `0644` and its own, and the owner's next write fails
/// ("attempt to write a readonly database") until someone deletes them. So once a reader that does not own the
/// database has opened it (its first read opens both), it gives the files it owns the database file's group and
/// makes them writable by that group: the owner writes through the group, and the reader could write files it
/// owns anyway. A reader that is not in the database's group cannot do that; the README asks viewers to be in it.
enum SQLiteReaderFiles {
    /// Shares the `-wal` and `-shm` this process owns beside the database at `path` with the database's group.
    static func share(besideDatabaseAt path: String) {
        var database = stat()
        let me = geteuid()
        guard stat(path, &database) == 0, database.st_uid != me else { return }
        let mode = mode_t(database.st_mode & 0o666) | 0o060
        for suffix in ["-wal", "-shm"] {
            let descriptor = open(path + suffix, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var file = stat()
            guard fstat(descriptor, &file) == 0, file.st_uid == me else { continue }
            if file.st_gid != database.st_gid { _ = fchown(descriptor, uid_t.max, database.st_gid) }
            if file.st_mode & 0o777 != mode { _ = fchmod(descriptor, mode) }
        }
    }
}

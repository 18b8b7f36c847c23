import Glibc

/// Points file descriptor 2 at a log file (or `/dev/null`) while curses owns the screen, so stray
/// diagnostics cannot corrupt it, and puts the original stderr back afterwards.
struct StandardErrorRedirect {
    private let savedDescriptor: Int32

    /// Redirects stderr to `logPath` (appending, created `0600`), or to `/dev/null` when `nil`.
    init(logPath: String?) throws(TerminalError) {
        let path = logPath ?? "/dev/null"
        let target = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard target >= 0 else {
            throw TerminalError("cannot open the log file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(target) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(target, STDERR_FILENO) >= 0 else {
            if saved >= 0 { close(saved) }
            throw TerminalError("cannot redirect stderr to \(path): \(String(cString: strerror(errno)))")
        }
        savedDescriptor = saved
    }

    /// Makes fd 2 the original stderr again.
    func restore() {
        _ = dup2(savedDescriptor, STDERR_FILENO)
        close(savedDescriptor)
    }
}

/// Why a throwaway test cluster could not be set up.
public enum ClusterError: Error, CustomStringConvertible {
    /// No PostgreSQL server binaries were found.
    case binariesNotFound
    /// A setup command exited with a failure status.
    case commandFailed(command: String, status: Int32, output: String)
    /// No free TCP port could be reserved on 127.0.0.1.
    case noFreePort(String)

    public var description: String {
        switch self {
        case .binariesNotFound:
            "no PostgreSQL server binaries found (looked at $PG_BINDIR, pg_config --bindir, /usr/lib/postgresql/*/bin, /usr/local/bin, /usr/bin)"
        case .commandFailed(let command, let status, let output):
            "`\(command)` exited with status \(status): \(output)"
        case .noFreePort(let detail): "no free port on 127.0.0.1: \(detail)"
        }
    }
}

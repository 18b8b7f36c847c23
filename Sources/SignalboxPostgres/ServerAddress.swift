/// One server of a connection URL: `host:port`, or a unix-socket directory and port.
public struct ServerAddress: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A host name or IP address, or an absolute directory holding the server's unix socket.
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port`, with an IPv6 address in brackets.
    public var description: String { "\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}

/// Which server of several a session wants, as libpq's `target_session_attrs`.
public enum TargetSessionAttributes: String, Sendable, CaseIterable {
    /// The first server that answers.
    case any
    /// A server that accepts writes (a primary).
    case readWrite = "read-write"
    /// A server whose sessions are read-only (a standby, or `default_transaction_read_only`).
    case readOnly = "read-only"
    /// A primary.
    case primary
    /// A hot standby.
    case standby
    /// A standby if one answers, else any server.
    case preferStandby = "prefer-standby"
}

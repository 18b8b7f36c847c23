#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating-system account this process runs as: who a SQLite store records as acting.
public enum OperatingSystemUser {
    /// The login name of the effective user id (`geteuid`), or `uid<N>` when the account has no passwd entry.
    /// Never read from the environment: `$USER` and `$SIGNALBOX_USER` are whatever the caller says.
    public static var loginName: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid\(geteuid())"
    }

    /// The effective user id, for messages.
    public static var userID: UInt32 { UInt32(geteuid()) }
}

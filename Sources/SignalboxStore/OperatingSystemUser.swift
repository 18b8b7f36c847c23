#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is acting: the name written as `by` on console events.
public enum OperatingSystemUser {
    /// `SIGNALBOX_USER` when set (shared service accounts, tests), else the login name of the effective user id.
    ///
    /// With a SQLite store anyone who can write the file can write anything, so the override grants nothing new;
    /// PostgreSQL deployments restrict writes with database roles (see the roles script).
    public static func current(environment: [String: String]) -> String {
        if let name = environment["SIGNALBOX_USER"], !name.isEmpty { return name }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "uid\(geteuid())"
    }
}

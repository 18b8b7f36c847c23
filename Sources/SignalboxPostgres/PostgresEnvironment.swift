import Foundation

/// What libpq would read from the process to complete a connection URL; injected so tests never read the real one.
public struct PostgresEnvironment: Sendable {
    /// Environment variables (only the PG* ones matter).
    public var variables: [String: String]
    /// The OS user name, libpq's default role name.
    public var currentUserName: String
    /// The password file's entries, already loaded (nil when absent or ignored).
    public var passwordFile: PasswordFile?
    /// The home directory whose `.postgresql/` holds the default root and client certificates (nil: none).
    public var homeDirectory: String?

    public init(variables: [String: String] = [:], currentUserName: String, passwordFile: PasswordFile? = nil,
                homeDirectory: String? = nil) {
        self.variables = variables
        self.currentUserName = currentUserName
        self.passwordFile = passwordFile
        self.homeDirectory = homeDirectory
    }

    /// The running process's environment, and the password file at `$PGPASSFILE` or `~/.pgpass` when it is usable.
    /// `warn` receives a message when the password file exists but is ignored (e.g. readable by others).
    public static func current(warn: (String) -> Void = { _ in }) -> PostgresEnvironment {
        let variables = ProcessInfo.processInfo.environment
        let home = variables["HOME"] ?? NSHomeDirectory()
        let path = variables["PGPASSFILE"] ?? (home as NSString).appendingPathComponent(".pgpass")
        let passwordFile: PasswordFile?
        do {
            passwordFile = try PasswordFile.load(path: path)
        } catch {
            warn(error.description)
            passwordFile = nil
        }
        return PostgresEnvironment(variables: variables, currentUserName: NSUserName(), passwordFile: passwordFile,
                                   homeDirectory: home)
    }
}

/// Where a store lives: a SQLite file or a PostgreSQL server.
public enum StoreLocation: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    /// A `postgres://` or `postgresql://` URL (may hold a password: never print it).
    case postgres(url: String)

    /// Interprets a `--store` value: a `postgres://`/`postgresql://` URL, else a file path.
    public init(_ text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// `--store`, else `SIGNALBOX_STORE`, else `$XDG_DATA_HOME/signalbox/store.sqlite`
    /// (`~/.local/share/signalbox/store.sqlite` without XDG_DATA_HOME).
    public static func resolve(option: String?, environment: [String: String]) -> StoreLocation {
        if let option, !option.isEmpty { return StoreLocation(option) }
        if let fromEnvironment = environment["SIGNALBOX_STORE"], !fromEnvironment.isEmpty {
            return StoreLocation(fromEnvironment)
        }
        return .sqlite(path: defaultDataDirectory(environment: environment) + "/store.sqlite")
    }

    /// `$XDG_DATA_HOME/signalbox`, or `~/.local/share/signalbox`.
    public static func defaultDataDirectory(environment: [String: String]) -> String {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/signalbox" }
        return (environment["HOME"] ?? ".") + "/.local/share/signalbox"
    }

    /// The location without any password, for messages.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): StoreLocation.redactingPassword(url)
        }
    }

    /// `postgres://user:secret@host/db` → `postgres://user@host/db`.
    static func redactingPassword(_ url: String) -> String {
        let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, let at = parts[2].lastIndex(of: "@"),
              let colon = parts[2][..<at].firstIndex(of: ":") else { return url }
        var authority = parts[2]
        authority.removeSubrange(colon..<at)
        return ([parts[0], parts[1], authority] + parts.dropFirst(3)).joined(separator: "/")
    }
}

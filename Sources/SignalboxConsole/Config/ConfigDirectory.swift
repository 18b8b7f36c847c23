/// Where the user's Signalbox settings live: `$XDG_CONFIG_HOME/signalbox`, or `~/.config/signalbox`.
public enum ConfigDirectory {
    /// The directory path, or `nil` when neither an absolute `XDG_CONFIG_HOME` nor `HOME` is set.
    /// A relative `XDG_CONFIG_HOME` is ignored, as the XDG Base Directory specification requires.
    ///
    /// ```swift
    /// ConfigDirectory.path(environment: ["HOME": "/home/ana"])  // "/home/ana/.config/signalbox"
    /// ```
    public static func path(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return join(xdg, "signalbox") }
        if let home = environment["HOME"], !home.isEmpty { return join(home, ".config/signalbox") }
        return nil
    }

    /// `directory/name` with exactly one slash between them.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

/// Why a theme could not be loaded. The caller shows it and falls back to ``Theme/builtInDefault``.
///
/// ```swift
/// ThemeError.invalid(file: "dark.yaml", key: "roles.ok.fg",
///                    reason: "\"#12345\" is not a colour (use a name, #rrggbb or 0-255)").description
/// // dark.yaml: roles.ok.fg: "#12345" is not a colour (use a name, #rrggbb or 0-255)
/// ```
public enum ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No theme file of that name in any search directory, and it is not built in.
    case notFound(name: String, searched: [String])
    /// The name cannot be a theme file name (empty, a path, or a leading dot).
    case invalidName(String)
    /// The file exists but cannot be read as UTF-8 text.
    case unreadable(file: String, reason: String)
    /// The file is read but something in it is wrong: `key` is the dotted path (`roles.ok.fg`),
    /// empty when the problem is the document as a whole.
    case invalid(file: String, key: String, reason: String)

    /// One line naming the file, the key and the reason.
    public var description: String {
        switch self {
        case .notFound(let name, let searched):
            "theme \(name.debugDescription) not found (looked in: \(searched.joined(separator: ", ")))"
        case .invalidName(let name):
            "\(name.debugDescription) is not a theme name (use letters, digits, '-', '_' or '.', not starting with '.')"
        case .unreadable(let file, let reason):
            "\(file): cannot read: \(reason)"
        case .invalid(let file, let key, let reason):
            key.isEmpty ? "\(file): \(reason)" : "\(file): \(key): \(reason)"
        }
    }
}

/// A configuration file that cannot be used: which file, which key (dotted path, empty for the whole
/// document) and why.
///
/// ```swift
/// ConfigurationError(file: "config.yaml", key: "refreshSeconds", reason: "must be at least 1").description
/// // config.yaml: refreshSeconds: must be at least 1
/// ```
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's path.
    public var file: String
    /// Dotted key path, e.g. `thresholds.activation.p90.warn`; empty for the file as a whole.
    public var key: String
    /// What is wrong and, where it helps, what is expected.
    public var reason: String

    /// Creates the error.
    public init(file: String, key: String, reason: String) {
        self.file = file
        self.key = key
        self.reason = reason
    }

    /// `file: key: reason`.
    public var description: String { key.isEmpty ? "\(file): \(reason)" : "\(file): \(key): \(reason)" }
}

/// Why a runbook could not be loaded, as `file: line: reason`.
///
/// ```swift
/// RunbookError(file: "Runbooks/rate_mismatch.yaml", line: 4, reason: "steps: must list at least one step").description
/// // Runbooks/rate_mismatch.yaml: 4: steps: must list at least one step
/// ```
public struct RunbookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's path.
    public var file: String
    /// The 1-based line of the problem; `nil` when it concerns the file as a whole (unreadable, missing key).
    public var line: Int?
    /// What is wrong, naming the key where there is one.
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file: line: reason`, or `file: reason` without a line.
    public var description: String { line.map { "\(file): \($0): \(reason)" } ?? "\(file): \(reason)" }
}

import SignalboxCore
import SignalboxStore

/// Turns the queue's `/` text into query filters: free text plus `kind:`, `severity:`, `state:`, `assignee:` and `age>`.
///
/// ```swift
/// let query = try QueueFilter.apply("kind:ambiguous_customer_mapping age>3d acme", to: query, user: "alice")
/// ```
public enum QueueFilter {
    /// A token that cannot be understood, with what would be accepted.
    public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Tokens the filter accepts, for help and error messages.
    public static let syntax = "kind:K severity:S state:S assignee:me|NAME age>3d, other words match text"

    /// `query` with its filters replaced by those in `text` (sort, open/closed and paging are kept).
    public static func apply(_ text: String, to query: ExceptionQuery, user: String) throws(Invalid) -> ExceptionQuery {
        var query = query
        query.kinds = []
        query.severities = []
        query.states = []
        query.assignee = nil
        query.minimumAge = nil
        query.subject = nil
        var words: [String] = []
        for token in text.split(separator: " ").map(String.init) {
            if let value = token.value(after: "kind:") {
                guard let kind = ExceptionKind(rawValue: value) else {
                    throw Invalid(description: "unknown kind \(value) (kinds: \(ExceptionKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                query.kinds.insert(kind)
            } else if let value = token.value(after: "severity:") {
                guard let severity = Severity(rawValue: value) else {
                    throw Invalid(description: "unknown severity \(value) (low, medium, high, critical)")
                }
                query.severities.insert(severity)
            } else if let value = token.value(after: "state:") {
                guard let state = QueueState(rawValue: value) else {
                    throw Invalid(description: "unknown state \(value) (\(QueueState.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                query.states.insert(state)
                if state.isClosed { query.includeClosed = true }
            } else if let value = token.value(after: "assignee:") {
                guard !value.isEmpty else { throw Invalid(description: "assignee: needs a name or me") }
                query.assignee = value == "me" ? user : value
            } else if let value = token.value(after: "age>") {
                guard let age = parseDuration(value) else {
                    throw Invalid(description: "age>\(value) is not a duration (use 90s, 30m, 36h, 3d or 2w)")
                }
                query.minimumAge = age
            } else if token.contains(":") || token.hasPrefix("age") {
                throw Invalid(description: "unknown filter \(token) (filters: \(syntax))")
            } else {
                words.append(token)
            }
        }
        query.text = words.isEmpty ? nil : words.joined(separator: " ")
        return query
    }

    /// `90s`, `30m`, `36h`, `3d`, `2w`.
    public static func parseDuration(_ text: String) -> SignalDuration? {
        guard let unit = text.last, let value = Int64(text.dropLast()), value >= 0 else { return nil }
        switch unit {
        case "s": return .seconds(value)
        case "m": return .seconds(value * 60)
        case "h": return .seconds(value * 3600)
        case "d": return .days(value)
        case "w": return .days(value * 7)
        default: return nil
        }
    }
}

private extension String {
    func value(after prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}

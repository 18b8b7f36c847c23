/// How exceptions can be grouped, with counts.
public enum ExceptionGrouping: String, Sendable {
    case kind, subject
}

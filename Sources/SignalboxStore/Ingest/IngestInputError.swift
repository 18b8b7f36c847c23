/// An ingest input that cannot be used at all (as opposed to a bad line in it).
public enum IngestInputError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String)
    case unreadable(String)

    public var description: String {
        switch self {
        case .missing(let path): "cannot open \(path): no such file or not readable"
        case .unreadable(let detail): "cannot read input: \(detail)"
        }
    }
}

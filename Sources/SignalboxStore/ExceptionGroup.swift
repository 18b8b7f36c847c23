/// A group of the queue: a kind or a subject, and how many match.
public struct ExceptionGroup: Equatable, Sendable {
    public var key: String
    public var label: String
    public var count: Int

    public init(key: String, label: String, count: Int) {
        self.key = key
        self.label = label
        self.count = count
    }
}

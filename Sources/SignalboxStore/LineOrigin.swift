/// Where an input line came from: the input's name and its 1-based line number.
public struct LineOrigin: Equatable, Sendable {
    public var sourceName: String
    public var lineNumber: Int

    public init(sourceName: String, lineNumber: Int) {
        self.sourceName = sourceName
        self.lineNumber = lineNumber
    }

    /// The origin of a line handed to the store in a batch without one: `(batch)` and its position.
    public static func unnamed(position: Int) -> LineOrigin { LineOrigin(sourceName: "(batch)", lineNumber: position + 1) }
}

/// The position of a row in a sort order, for keyset pagination.
public struct ExceptionCursor: Equatable, Sendable {
    public var sortValue: String
    public var exceptionID: String

    public init(sortValue: String, exceptionID: String) {
        self.sortValue = sortValue
        self.exceptionID = exceptionID
    }
}

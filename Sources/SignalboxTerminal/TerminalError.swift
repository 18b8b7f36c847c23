/// A failure to set up or use the terminal, with a message naming what went wrong.
public struct TerminalError: Error, Equatable, CustomStringConvertible {
    /// What went wrong, for the user.
    public var message: String

    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

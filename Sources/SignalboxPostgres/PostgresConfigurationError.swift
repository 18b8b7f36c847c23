/// Why a connection URL or the PG* environment could not be turned into a configuration.
/// The message never contains a password.
public struct PostgresConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "invalid PostgreSQL configuration: \(message)" }
}

import Crypto
import SignalboxCore

/// One middleware's bearer token as the token file holds it: a name for logs, the hex SHA-256 of the token (the
/// token itself is never stored) and the source systems whose events it may write.
public struct IngestToken: Equatable, Sendable {
    public var name: String
    /// Lower-case hex SHA-256 of the bearer token's UTF-8 bytes.
    public var sha256: String
    /// Never ``SourceSystem/console``: console actions are recorded by signalbox, not ingested.
    public var sources: Set<SourceSystem>

    public init(name: String, sha256: String, sources: Set<SourceSystem>) {
        self.name = name
        self.sha256 = sha256
        self.sources = sources
    }

    /// The hex SHA-256 of `token`, as the token file holds it.
    public static func digest(of token: String) -> String { digest(bytes: Array(token.utf8)) }

    /// The lower-case hex SHA-256 of `bytes`.
    static func digest(bytes: [UInt8]) -> String {
        Hexadecimal.lowercase(SHA256.hash(data: bytes))
    }

    /// The token file's line for this token (a YAML list item).
    public var fileEntry: String {
        let listed = sources.map(\.rawValue).sorted().joined(separator: ", ")
        return "- {name: \(name), sha256: \(sha256), sources: [\(listed)]}"
    }
}

/// A fresh bearer token for `signalbox serve --new-token`: shown once, stored only as its digest.
public struct NewIngestToken: Sendable {
    /// The bearer token: 32 random bytes as 64 hex digits.
    public let token: String
    public let entry: IngestToken

    /// Makes a token for `name` writing `sources`, from the system's secure random generator.
    public init(name: String, sources: [String]) throws(ServeConfigurationError) {
        guard IngestTokens.isValidName(name) else {
            throw .invalidNewToken("the name \(name.debugDescription) must be letters, digits, '.', '_' or '-'")
        }
        var systems: Set<SourceSystem> = []
        for source in sources.flatMap({ $0.split(separator: ",") }) {
            do { systems.insert(try IngestTokens.source(String(source))) } catch { throw .invalidNewToken(error.reason) }
        }
        guard !systems.isEmpty else { throw .invalidNewToken("name at least one source with --sources (e.g. --sources PSA)") }
        var generator = SystemRandomNumberGenerator()
        token = Hexadecimal.lowercase((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        entry = IngestToken(name: name, sha256: IngestToken.digest(of: token), sources: systems)
    }
}

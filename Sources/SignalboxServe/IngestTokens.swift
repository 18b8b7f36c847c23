import Crypto
import SignalboxCore
import Yams
#if canImport(Glibc)
import Glibc
#endif

/// The tokens `signalbox serve` accepts (`--tokens FILE`): a YAML list of `{name, sha256, sources}`.
///
/// ```yaml
/// - {name: psa-relay, sha256: 9f86d081884c7d65…, sources: [PSA]}
/// - name: erp-esb
///   sha256: 60303ae22b998861…
///   sources: [ERP, BILLING]
/// ```
public struct IngestTokens: Sendable {
    public let tokens: [IngestToken]

    public init(_ tokens: [IngestToken]) { self.tokens = tokens }

    /// Reads and checks the file at `path`; every complaint names the entry and the field.
    public init(contentsOf path: String) throws(ServeConfigurationError) {
        guard let text = Self.read(path) else { throw .invalidTokens(path: path, reason: "cannot read the file") }
        do { self.init(try Self.parse(text)) } catch { throw .invalidTokens(path: path, reason: error.reason) }
    }

    /// The token whose digest matches `bearer`, or nil. Every entry is compared in constant time.
    public func grant(bearer: String) -> IngestToken? {
        let digest = Array(IngestToken.digest(of: bearer).utf8)
        var found: IngestToken?
        for token in tokens where Self.constantTimeEqual(Array(token.sha256.utf8), digest) { found = token }
        return found
    }

    static func parse(_ text: String) throws(TokenProblem) -> [IngestToken] {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw TokenProblem("not valid YAML: \(error)") }
        guard let root else { return [] }
        guard case .sequence(let entries) = root else { throw TokenProblem("expected a list of {name, sha256, sources}") }
        var tokens: [IngestToken] = []
        for (index, node) in entries.enumerated() {
            let token = try entry(node, at: index + 1)
            if tokens.contains(where: { $0.name == token.name }) { throw TokenProblem("entry \(index + 1): name \(token.name.debugDescription) is used twice") }
            if tokens.contains(where: { $0.sha256 == token.sha256 }) { throw TokenProblem("entry \(index + 1) (\(token.name)): sha256 repeats an earlier entry's") }
            tokens.append(token)
        }
        return tokens
    }

    private static func entry(_ node: Node, at number: Int) throws(TokenProblem) -> IngestToken {
        guard case .mapping(let mapping) = node else { throw TokenProblem("entry \(number): expected {name, sha256, sources}") }
        for key in mapping.keys where !["name", "sha256", "sources"].contains(key.string ?? "") {
            throw TokenProblem("entry \(number): unknown field \((key.string ?? "?").debugDescription) (expected name, sha256, sources)")
        }
        guard let name = mapping["name"]?.string, isValidName(name) else {
            throw TokenProblem("entry \(number): field name: missing, or not letters, digits, '.', '_' and '-'")
        }
        let place = "entry \(number) (\(name))"
        guard let sha256 = mapping["sha256"]?.string?.lowercased(), sha256.count == 64,
              sha256.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw TokenProblem("\(place): field sha256: expected 64 hex digits (the SHA-256 of the token, as --new-token prints it)")
        }
        let listed: [Node]
        switch mapping["sources"] {
        case .sequence(let sequence)?: listed = Array(sequence)
        case .scalar(let scalar)?: listed = [.scalar(scalar)]
        default: throw TokenProblem("\(place): field sources: expected a list of source systems, e.g. [PSA]")
        }
        var sources: Set<SourceSystem> = []
        for item in listed {
            do { sources.insert(try source(item.string ?? "")) } catch { throw TokenProblem("\(place): field sources: \(error.reason)") }
        }
        guard !sources.isEmpty else { throw TokenProblem("\(place): field sources: name at least one source system") }
        return IngestToken(name: name, sha256: sha256, sources: sources)
    }

    /// A source system a token may write: any but CONSOLE.
    static func source(_ text: String) throws(TokenProblem) -> SourceSystem {
        let trimmed = text.trimmingSpaces.uppercased()
        guard let system = SourceSystem(rawValue: trimmed) else {
            let known = SourceSystem.allCases.filter { $0 != .console }.map(\.rawValue).joined(separator: ", ")
            throw TokenProblem("\(text.debugDescription) is not a source system (one of \(known))")
        }
        guard system != .console else { throw TokenProblem("CONSOLE events are recorded by signalbox, never accepted over HTTP") }
        return system
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
        }
    }

    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return zip(lhs, rhs).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes += chunk[0..<count]
            if count < chunk.count { break }
        }
        return ferror(file) == 0 ? String(decoding: bytes, as: UTF8.self) : nil
    }
}

/// Why a token file or a `--sources` value is refused.
struct TokenProblem: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

private extension String {
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map(index(after:)) ?? start
        return self[start..<end]
    }
}

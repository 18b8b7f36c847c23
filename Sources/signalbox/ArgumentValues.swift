import ArgumentParser
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

// The typed values of command-line options: the parser checks them, names the option in its error, and `--help`
// lists the valid values of the enumerations.

extension SignalDuration: ExpressibleByArgument {
    /// `90s`, `30m`, `36h`, `7d`, `2w`.
    public init?(argument: String) { try? self.init(parsing: argument) }

    /// `--help`'s `(default: 7d)`. ArgumentParser's own default interpolates the value, which asks the runtime
    /// whether the type is `TextOutputStreamable` and then `CustomStringConvertible`: each question is a scan of the
    /// binary's 10,044 conformance records (about 45 µs), on every parse of the commands with a window.
    public var defaultValueDescription: String { description }
}

extension Timestamp: ExpressibleByArgument {
    /// An RFC 3339 instant, e.g. `2026-10-31T00:00:00Z`.
    public init?(argument: String) { try? self.init(rfc3339: argument) }
}

extension RecordKey: ExpressibleByArgument {
    /// `SYSTEM/KEY`, e.g. `CRM/ACME-001` (the key may contain further slashes).
    public init?(argument: String) {
        guard let slash = argument.firstIndex(of: "/"), slash != argument.startIndex,
              argument.index(after: slash) != argument.endIndex else { return nil }
        self.init(system: String(argument[..<slash]), key: String(argument[argument.index(after: slash)...]))
    }
}

extension ExceptionKind: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension QueueState: ExpressibleByArgument {}
extension ExceptionSortKey: ExpressibleByArgument {}
extension ColorMode: ExpressibleByArgument {}

/// How much faster than the wall clock simulated time runs: `60x` is a simulated minute per second.
struct SpeedFactor: ExpressibleByArgument, CustomStringConvertible {
    /// At least 1.
    let factor: Int64

    init(_ factor: Int64) { self.factor = factor }

    init?(argument: String) {
        let digits = argument.hasSuffix("x") ? String(argument.dropLast()) : argument
        guard let value = Int64(digits), value >= 1 else { return nil }
        factor = value
    }

    var description: String { "\(factor)x" }
}

extension CivilDate: ExpressibleByArgument {
    /// `YYYY-MM-DD`.
    public init?(argument: String) { self.init(iso: argument) }
}

extension ExactDecimal: ExpressibleByArgument {
    /// A decimal amount, e.g. `250` or `99.50`.
    public init?(argument: String) { try? self.init(parsing: argument) }
}

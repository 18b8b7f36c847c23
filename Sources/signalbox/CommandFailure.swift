#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import SignalboxStore
import SignalboxTerminal

/// A failure reported to the user with a sysexits(3) exit code.
///
/// A script acting on exceptions can tell the three ways a decision is not written apart:
/// 65 refused by the rules (four eyes, claimed by someone else, already closed, …),
/// 67 not found (no such exception or request), 75 changed since you looked (look again and retry).
struct CommandFailure: Error, CustomStringConvertible {
    enum Code: Int32 {
        /// Refused by the rules, or bad input data.
        case dataError = 65, noInput = 66
        /// The exception, request or event named does not exist.
        case notFound = 67
        case unavailable = 69, software = 70, cannotCreate = 73, ioError = 74
        /// What the decision was about changed since it was shown: look again.
        case changedSinceSeen = 75
        case permission = 77, config = 78
    }

    let code: Code
    /// One line: what went wrong.
    let message: String
    /// What to do next, a line each, printed under the message (never part of a monitoring status line).
    let next: [String]

    init(_ code: Code, _ message: String, next: [String] = []) {
        self.code = code
        self.message = message
        self.next = next
    }

    var description: String { message }

    /// The failure for a store error: unreachable stores and schema problems are distinguished.
    init(_ error: StoreError) {
        switch error {
        case .unavailable, .notMigrated, .newerSchema: self.init(.unavailable, error.description)
        case .permissionDenied, .readOnly, .readOnlyReplica: self.init(.permission, error.description)
        case .rejected: self.init(.dataError, error.description)
        case .notFound: self.init(.notFound, error.description)
        case .conflict: self.init(.changedSinceSeen, error.description)
        case .database: self.init(.software, error.description)
        }
    }
}

extension ParsableCommand {
    /// Runs `body`, turning failures into a one-line message on stderr and the right exit code.
    static func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            printError(failure.next.isEmpty ? failure.message : failure.message + ". Next:", detail: failure.next)
            throw ExitCode(failure.code.rawValue)
        } catch let error as StoreError {
            let failure = CommandFailure(error)
            printError(failure.message)
            throw ExitCode(failure.code.rawValue)
        } catch let error as IngestInputError {
            printError(error.description)
            throw ExitCode(CommandFailure.Code.noInput.rawValue)
        }
    }
}

/// Writes `signalbox: message` to standard error through the one sanitiser: nothing a terminal would act on
/// (control, escape, bidirectional and invisible characters, say in a file name) reaches it.
func printError(_ message: String, detail: [String] = []) {
    var standardError = StandardError()
    print("signalbox: \(TerminalSafeText.sanitize(message))", to: &standardError)
    for line in detail { print("  \(TerminalSafeText.sanitize(line))", to: &standardError) }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var text = string
        text.withUTF8 { buffer in _ = Glibc.write(STDERR_FILENO, buffer.baseAddress, buffer.count) }
    }
}

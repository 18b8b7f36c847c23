#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import SignalboxStore

/// A failure reported to the user with a sysexits(3) exit code.
struct CommandFailure: Error, CustomStringConvertible {
    enum Code: Int32 {
        case dataError = 65, noInput = 66, unavailable = 69, software = 70, cannotCreate = 73, ioError = 74
        case permission = 77, config = 78
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }

    /// The failure for a store error: unreachable stores and schema problems are distinguished.
    init(_ error: StoreError) {
        switch error {
        case .unavailable, .notMigrated, .newerSchema: self.init(.unavailable, error.description)
        case .permissionDenied, .readOnly, .readOnlyReplica: self.init(.permission, error.description)
        case .conflict, .rejected, .notFound: self.init(.dataError, error.description)
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
            printError(failure.message)
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

/// Writes `signalbox: message` to standard error.
func printError(_ message: String) {
    var standardError = StandardError()
    print("signalbox: \(message)", to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var text = string
        text.withUTF8 { buffer in _ = Glibc.write(STDERR_FILENO, buffer.baseAddress, buffer.count) }
    }
}

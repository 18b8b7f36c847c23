import Foundation
import SignalboxCore

/// Finds the runbook of an exception kind along a search path; later directories override earlier ones, and the
/// nine shipped runbooks are compiled in. Same search path as ``ThemeCatalog`` with `runbooks` for `themes` and
/// the package's `Runbooks/` folder (see Runbooks/README.md).
///
/// ```swift
/// let runbook = try RunbookCatalog(environment: ProcessInfo.processInfo.environment).runbook(for: .rateMismatch)
/// ```
public struct RunbookCatalog: Sendable {
    /// Directories searched, lowest priority first.
    public var directories: [String]

    /// A catalog over explicit directories (lowest priority first), e.g. for tests.
    public init(directories: [String]) {
        self.directories = directories
    }

    /// The standard search path for `environment` and the running executable's resolved path
    /// (`nil`: the current process's executable).
    public init(environment: [String: String], executablePath: String? = nil) {
        self.init(directories: InstallationSearchPath.directories(folder: "runbooks", packageFolder: "Runbooks",
                                                                  environment: environment, executablePath: executablePath))
    }

    /// The runbook from the highest-priority directory that has `<kind>.yaml`, else the compiled-in one.
    /// A broken file is an error even when a lower-priority directory has a good one.
    public func runbook(for kind: ExceptionKind) throws(RunbookError) -> Runbook {
        for directory in directories.reversed() {
            let path = ConfigDirectory.join(directory, kind.rawValue + ".yaml")
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw RunbookError(file: path, line: nil, reason: "cannot read: \(error.localizedDescription)")
            }
            return try Runbook(yaml: text, kind: kind, file: path)
        }
        return try Runbook(yaml: BuiltInRunbookFiles.yaml[kind] ?? "", kind: kind, file: "(built-in) \(kind.rawValue).yaml")
    }

    /// The runbook, or why it could not be read, for showing either.
    public func lookup(_ kind: ExceptionKind) -> Result<Runbook, RunbookError> {
        do {
            return .success(try runbook(for: kind))
        } catch {
            return .failure(error)
        }
    }
}

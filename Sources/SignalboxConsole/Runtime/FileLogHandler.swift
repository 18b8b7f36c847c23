import Glibc
import Logging
import SignalboxCore
import SignalboxStore
import Synchronization

/// A swift-log handler appending one line per message to a file, so nothing is ever written to the screen.
///
/// ```swift
/// let handler = try FileLogHandler(path: FileLogHandler.defaultPath(environment: env), label: "signalbox")
/// ```
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let file: LogFile

    /// Opens (creating with mode 0600, and its directory) `path` for appending.
    public init(path: String, label: String) throws(LogFileError) {
        self.label = label
        self.file = try LogFile(path: path)
    }

    /// `$XDG_STATE_HOME/signalbox/signalbox.log`, or `~/.local/state/signalbox/signalbox.log`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/signalbox/signalbox.log" }
        return (environment["HOME"] ?? ".") + "/.local/state/signalbox/signalbox.log"
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let context = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        file.append("\(SystemClock.now().rfc3339) \(event.level) \(label): \(event.message)\(context)\n")
    }
}

/// The log file could not be opened.
public struct LogFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot open the log file \(path): \(reason)" }
}

/// An append-only file descriptor shared by every copy of the handler.
final class LogFile: Sendable {
    private let descriptor: Mutex<Int32>

    init(path: String) throws(LogFileError) {
        LogFile.createDirectories(above: path)
        let opened = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw LogFileError(path: path, reason: String(cString: strerror(errno))) }
        descriptor = Mutex(opened)
    }

    func append(_ line: String) {
        var text = line
        descriptor.withLock { fd in
            text.withUTF8 { bytes in _ = write(fd, bytes.baseAddress, bytes.count) }
        }
    }

    deinit { descriptor.withLock { _ = close($0) } }

    private static func createDirectories(above path: String) {
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix += (prefix.isEmpty && !path.hasPrefix("/") ? "" : "/") + component
            _ = mkdir(prefix, 0o700)
        }
    }
}

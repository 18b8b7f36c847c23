import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes an export to a path all at once: into a temporary file beside it, then renamed over it, so a reader
/// (or a failure half-way) never sees half a file.
public enum ExportFile {
    /// Why an export could not be written.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// `path` with a leading `~/` replaced by `home`.
    public static func expand(_ path: String, home: String?) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home, !home.isEmpty else { return path }
        return home + path.dropFirst()
    }

    /// Writes `text` to `path`, replacing a file that is there.
    public static func write(_ text: String, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(path: path, reason: "no such directory \(directory)")
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(path: path, reason: "it is a directory")
        }
        let temporary = directory + "/.\(url.lastPathComponent).\(UUID().uuidString).partial"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw Failure(path: path, reason: "cannot create a file in \(directory)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw Failure(path: path, reason: reason)
        }
    }
}

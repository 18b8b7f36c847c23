#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes lines to a file or standard output through a large buffer, counting them.
///
/// ```swift
/// let writer = try JSONLinesWriter(path: "events.jsonl")   // nil path: standard output
/// try writer.write(line)
/// try writer.close()
/// ```
public final class JSONLinesWriter {
    private let descriptor: Int32
    private let ownsFile: Bool
    private let destination: String
    private var buffer: [UInt8] = []
    private static let bufferLimit = 1 << 20
    /// Lines written so far.
    public private(set) var linesWritten = 0

    /// Opens (creating or truncating) `path`, or standard output when `path` is nil.
    public init(path: String?) throws(JSONLinesWriterError) {
        if let path {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw JSONLinesWriterError(destination: path, reason: JSONLinesWriter.lastError()) }
            self.descriptor = descriptor
            ownsFile = true
            destination = path
        } else {
            descriptor = STDOUT_FILENO
            ownsFile = false
            destination = "standard output"
        }
        buffer.reserveCapacity(JSONLinesWriter.bufferLimit + 4096)
    }

    /// Appends `line` and a newline.
    public func write(_ line: String) throws(JSONLinesWriterError) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        linesWritten += 1
        if buffer.count >= JSONLinesWriter.bufferLimit { try flush() }
    }

    /// Writes out everything buffered so far.
    public func flush() throws(JSONLinesWriterError) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                bytes.baseAddress.map { writeBytes(descriptor, $0 + offset, bytes.count - offset) } ?? 0
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw JSONLinesWriterError(destination: destination, reason: JSONLinesWriter.lastError()) }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, closes it.
    public func close() throws(JSONLinesWriterError) {
        try flush()
        if ownsFile, closeDescriptor(descriptor) != 0 { throw JSONLinesWriterError(destination: destination, reason: JSONLinesWriter.lastError()) }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

/// Writing generated lines failed.
public struct JSONLinesWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    public let destination: String
    public let reason: String
    public var description: String { "cannot write to \(destination): \(reason)" }
}

// File-scope wrappers: inside `JSONLinesWriter`, `write` and `close` name its own methods.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(descriptor, bytes, count) }
private func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }

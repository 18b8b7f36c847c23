#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads newline-separated lines from a file descriptor in large chunks.
///
/// Lines longer than `maximumLength` bytes are returned cut to that length with `truncated` set,
/// and the rest of the line is skipped, so one bad line cannot exhaust memory.
struct LineReader {
    struct Line {
        var number: Int
        var bytes: [UInt8]
        /// The line's full length in bytes, when it was longer than kept.
        var truncatedFrom: Int?
    }

    private let descriptor: Int32
    private let maximumLength: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var lineNumber = 0
    private var endOfFile = false
    private static let chunkSize = 1 << 20

    init(descriptor: Int32, maximumLength: Int) {
        self.descriptor = descriptor
        self.maximumLength = maximumLength
    }

    /// Reads the lines of an input already in memory (an HTTP request's body): no descriptor is read.
    init(bytes: [UInt8], maximumLength: Int) {
        self.descriptor = -1
        self.maximumLength = maximumLength
        buffer = bytes
        endOfFile = true
    }

    /// The next line without its terminator (`\n` or `\r\n`), or nil at end of input.
    mutating func next() throws(IngestInputError) -> Line? {
        var overflow: [UInt8] = []
        var droppedLength = 0
        while true {
            if let newline = nextNewline() {
                let bytes = take(upTo: newline)
                start = newline + 1
                return finish(bytes, overflow: &overflow, dropped: droppedLength)
            }
            if endOfFile {
                guard start < buffer.count || !overflow.isEmpty || droppedLength > 0 else { return nil }
                let bytes = take(upTo: buffer.count)
                start = buffer.count
                return finish(bytes, overflow: &overflow, dropped: droppedLength)
            }
            // Keep at most maximumLength bytes of an over-long line; count the rest.
            let pending = buffer.count - start
            if overflow.count + pending > maximumLength {
                let room = max(0, maximumLength - overflow.count)
                overflow += buffer[start..<start + min(room, pending)]
                droppedLength += pending - min(room, pending)
                start = buffer.count
            }
            try fill()
        }
    }

    /// The index of the first `\n` at or after `start`, found by `memchr` (searched byte by byte, it took 6% of
    /// the decoding thread's samples).
    private func nextNewline() -> Int? {
        buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress, start < bytes.count else { return nil }
            guard let found = memchr(base + start, 0x0A, bytes.count - start) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }

    private func take(upTo end: Int) -> ArraySlice<UInt8> { buffer[start..<end] }

    private mutating func finish(_ tail: ArraySlice<UInt8>, overflow: inout [UInt8], dropped: Int) -> Line {
        lineNumber += 1
        var bytes = overflow.isEmpty ? Array(tail) : overflow + tail
        var total = bytes.count + dropped
        if bytes.last == 0x0D { bytes.removeLast(); total -= 1 }
        if bytes.count > maximumLength { bytes.removeLast(bytes.count - maximumLength) }
        return Line(number: lineNumber, bytes: bytes, truncatedFrom: total > bytes.count ? total : nil)
    }

    private mutating func fill() throws(IngestInputError) {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let oldCount = buffer.count
        buffer.reserveCapacity(oldCount + Self.chunkSize)
        var chunk = [UInt8](repeating: 0, count: Self.chunkSize)
        var count: Int
        repeat {
            count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Self.chunkSize) }
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
        if count == 0 { endOfFile = true } else { buffer += chunk[0..<count] }
    }
}

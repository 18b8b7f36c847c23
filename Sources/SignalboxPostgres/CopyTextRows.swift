import PostgresNIO

/// Rows in the text format of `COPY … FROM STDIN` (tab between fields, newline after each row), built from
/// untrusted text: a backslash, tab, newline or carriage return inside a field is written as its backslash escape,
/// so no field can end early, start a row, or spell `\N` (null) or `\.` (end of data). Every field is non-null.
struct CopyTextRows {
    private(set) var bytes: [UInt8] = []
    private var fieldsInRow = 0

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// The rows written so far, for the server.
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// Whether no row has been written since the last ``removeAll()``.
    var isEmpty: Bool { bytes.isEmpty }

    /// Appends a text field to the current row.
    mutating func append(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                default: bytes.append(byte)
                }
            }
        }
    }

    /// Appends an integer field to the current row.
    mutating func append(_ number: Int64) {
        separate()
        bytes.append(contentsOf: String(number).utf8)
    }

    /// Ends the current row.
    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    /// Forgets the rows written, keeping the capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fieldsInRow = 0
    }

    private mutating func separate() {
        if fieldsInRow > 0 { bytes.append(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}

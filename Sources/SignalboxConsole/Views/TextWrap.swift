import SignalboxTerminal

/// Breaks a line of styled text into lines that fit, at spaces, so that no word is cut in the middle.
enum TextWrap {
    /// `segments` as lines of at most `width` columns. Continuation lines start with `hangingIndent` spaces; a word
    /// longer than a whole line is cut and ends in `…`. Text is sanitised first.
    static func wrap(_ segments: [TextSegment], width: Int, hangingIndent: Int = 0) -> [[TextSegment]] {
        guard width > 0 else { return [] }
        let indent = hangingIndent < width / 2 ? hangingIndent : 0
        var lines: [[TextSegment]] = []
        var line: [TextSegment] = []
        var used = 0
        func newLine() {
            while let last = line.last, last.text.allSatisfy({ $0 == " " }) { line.removeLast() }
            lines.append(line)
            line = indent > 0 ? [TextSegment(String(repeating: " ", count: indent))] : []
            used = indent
        }
        for segment in segments {
            for piece in pieces(TerminalSafeText.sanitize(segment.text)) {
                let pieceWidth = TerminalText.width(piece)
                let isSpace = piece.first == " "
                if used + pieceWidth > width {
                    if isSpace { newLine(); continue }
                    if used > indent { newLine() }
                }
                if isSpace, used == indent, !lines.isEmpty { continue }
                let text = pieceWidth > width - used ? TerminalText.truncated(piece, toWidth: width - used) : piece
                line.append(TextSegment(text, segment.role))
                used += TerminalText.width(text)
            }
        }
        lines.append(line)
        return lines
    }

    /// Words and the runs of spaces between them, in order.
    private static func pieces(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            if let last = current.last, (last == " ") != (character == " ") {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}

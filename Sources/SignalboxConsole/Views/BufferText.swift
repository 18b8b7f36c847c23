import SignalboxTerminal

/// Text placement helpers the console's views share.
extension Buffer {
    /// Writes `text` right-aligned so that it ends at the right edge of `rect`'s first row.
    @discardableResult
    mutating func putRightAligned(_ text: String, in rect: Rect, style: Style) -> Int {
        let width = min(TerminalText.width(text), rect.width)
        return put(TerminalText.truncated(text, toWidth: width), x: rect.maxX - width, y: rect.y, style: style, maxWidth: width)
    }

    /// Writes `text` centred on row `y` of `rect`, truncated to fit.
    mutating func putCentered(_ text: String, in rect: Rect, y: Int, style: Style) {
        let fitted = TerminalText.truncated(text, toWidth: rect.width)
        let x = rect.x + max(0, (rect.width - TerminalText.width(fitted)) / 2)
        put(fitted, x: x, y: y, style: style, maxWidth: rect.width)
    }

    /// Writes styled segments one after another on row `y` from `x`, clipped to `maxWidth` columns.
    mutating func putSegments(_ segments: [TextSegment], x: Int, y: Int, maxWidth: Int, theme: Theme) {
        var used = 0
        for segment in segments where used < maxWidth {
            used += put(segment.text, x: x + used, y: y, style: theme.style(for: segment.role), maxWidth: maxWidth - used)
        }
    }
}

/// A run of text drawn in one theme role.
struct TextSegment: Equatable, Sendable {
    var text: String
    var role: ThemeRole

    init(_ text: String, _ role: ThemeRole = .text) {
        self.text = text
        self.role = role
    }
}

extension String {
    /// The text followed by spaces up to `width` columns (at least one space when it is already that wide).
    func paddedToColumns(_ width: Int) -> String {
        let used = TerminalText.width(self)
        return used >= width ? self + " " : self + String(repeating: " ", count: width - used)
    }
}

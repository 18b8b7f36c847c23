import SignalboxTerminal

/// The facts beside a list's title (counts, order, filter, marks), joined by ` · `. A narrow screen leaves out the
/// facts that matter least, in the order given, before it cuts what is left (marked `…`), so that what the user
/// typed or marked is not the part an 80-column terminal hides.
enum TitleInfo {
    /// `parts` in the order they are shown (nil: absent); `leftOutFirst` the indexes of the parts that may be left
    /// out, the first to go first; `room` the columns there are.
    static func fitted(_ parts: [String?], leftOutFirst: [Int], room: Int) -> String {
        var shown = parts
        var joined = shown.compactMap { $0 }.joined(separator: " · ")
        for index in leftOutFirst where TerminalText.width(joined) > room {
            shown[index] = nil
            joined = shown.compactMap { $0 }.joined(separator: " · ")
        }
        return TerminalText.width(joined) > room ? TerminalText.truncated(joined, toWidth: max(room, 1)) : joined
    }
}

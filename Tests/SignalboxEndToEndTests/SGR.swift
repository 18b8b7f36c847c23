/// The Select Graphic Rendition sequences (`ESC [ … m`) in a `tmux capture-pane -e` capture.
enum SGR {
    /// Every parameter list, such as `1;38;5;196`.
    static func parameterLists(in text: String) -> [String] {
        var lists: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "\u{1B}[") {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(where: { !($0.isASCII && ($0.isNumber || $0 == ";")) }) else { break }
            if after[end] == "m" { lists.append(String(after[..<end])) }
            rest = after[end...]
        }
        return lists
    }

    /// `text` without its SGR sequences.
    static func removed(from text: String) -> String {
        text.replacing(/\x{1B}\[[0-9;]*m/, with: "")
    }

    /// The lists that set a colour: foreground or background, 8, 16, 256 or 24-bit.
    static func colours(in text: String) -> [String] {
        parameterLists(in: text).filter { list in
            list.split(separator: ";").compactMap { Int($0) }.contains { (30...49).contains($0) && $0 != 39 && $0 != 49 || (90...107).contains($0) }
        }
    }

    /// The lists that set an attribute: bold, dim, italic, underline, blink or reverse.
    static func attributes(in text: String) -> [String] {
        parameterLists(in: text).filter { list in list.split(separator: ";").compactMap { Int($0) }.contains { [1, 2, 3, 4, 5, 7].contains($0) } }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import SignalboxConsole
import SignalboxTerminal

/// The command line's aligned tables: on a terminal fitted to its width by the console's column layout
/// (``ColumnLayout``: identifiers whole, lower priorities dropped before higher ones are cut, cuts marked `…`);
/// piped, every column whole. Cells are sanitised.
enum TextTable {
    static func render(columns: [DataTable.Column], rows: [[String]], width: Int? = terminalWidth()) -> String {
        let widths = width.map { ColumnLayout.widths(of: columns, cells: rows, total: $0) }
            ?? ColumnLayout.widths(of: columns.map { .whole($0.title, priority: $0.priority, alignRight: $0.alignRight) },
                                   cells: rows, total: Int.max / 2)
        return ([columns.map(\.title)] + rows).map { cells in
            let fitted = cells.indices.compactMap { index -> String? in
                guard index < widths.count, let width = widths[index] else { return nil }
                let text = TerminalText.truncated(cells[index], toWidth: width)
                let pad = String(repeating: " ", count: max(0, width - TerminalText.width(text)))
                return columns[index].alignRight ? pad + text : text + pad
            }
            var line = fitted.joined(separator: " ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// Standard output's width in columns when it is a terminal, else nil.
    static func terminalWidth() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

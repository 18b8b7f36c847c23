import SignalboxTerminal

/// How the columns of a table share the width they are given, the same way for every table.
///
/// Columns are placed in priority order (`DataTable.Column.priority`, 0 first) at their natural width — the
/// widest cell, capped at the column's `natural` (uncapped for a column shown whole). The first column that does
/// not fit is cut to the width that is left if that is at least its `minimum` (a whole column never is), and every
/// column after it in priority order is dropped: a lower-priority column drops out before a higher one is cut, and
/// the width that is left goes to the column that was cut. On screen the columns keep their table order; a cut
/// cell ends in `…`.
///
/// Only the rows passed in are measured (the loaded rows, or the visible window of a larger list); a list that keeps
/// its rows' widths as they load (``contentWidths(of:cells:)``, merged page by page with ``widest(_:_:)``) lays out
/// from those with ``widths(of:contentWidths:total:)`` without measuring any row again.
public enum ColumnLayout {
    /// Each column's width in cells, `nil` where the column is dropped, for `total` cells with one space between columns.
    public static func widths(of columns: [DataTable.Column], cells rows: [[String]], total: Int) -> [Int?] {
        widths(of: columns, contentWidths: contentWidths(of: columns, cells: rows), total: total)
    }

    /// The same from each column's widest cell (its title included), as ``contentWidths(of:cells:)`` measures it.
    public static func widths(of columns: [DataTable.Column], contentWidths: [Int], total: Int) -> [Int?] {
        let measured = columns.indices.map { fit(columns[$0], content: contentWidths.indices.contains($0) ? contentWidths[$0] : 0) }
        let order = columns.indices.sorted { (columns[$0].priority, $0) < (columns[$1].priority, $1) }
        var widths = [Int?](repeating: nil, count: columns.count)
        var used = 0
        for index in order {
            let room = total - used - (used == 0 ? 0 : 1)
            if measured[index].natural <= room {
                widths[index] = measured[index].natural
                used += measured[index].natural + (used == 0 ? 0 : 1)
                continue
            }
            if room > 0, measured[index].minimum <= room || used == 0 { widths[index] = room }
            break
        }
        return widths
    }

    /// Each column's widest cell among `rows` and its title, in terminal cells.
    public static func contentWidths(of columns: [DataTable.Column], cells rows: [[String]]) -> [Int] {
        columns.indices.map { index in
            rows.reduce(TerminalText.width(columns[index].title)) { widest, row in
                index < row.count ? max(widest, TerminalText.width(row[index])) : widest
            }
        }
    }

    /// Column by column, the wider of two measurements (rows loaded before, and a page loaded after them).
    public static func widest(_ some: [Int], _ other: [Int]) -> [Int] {
        some.isEmpty ? other : zip(some, other).map { max($0, $1) }
    }

    /// The widest the column needs to be, and the narrowest it may be cut to, for its widest cell `content`.
    static func fit(_ column: DataTable.Column, content: Int) -> (minimum: Int, natural: Int) {
        let natural = column.whole ? content : min(content, max(column.natural, TerminalText.width(column.title)))
        return (column.whole ? natural : min(column.minimum, natural), natural)
    }
}

import SignalboxTerminal

/// Screen geometry shared by the views and by `update` (paging and focus movement depend on it).
public enum ConsoleLayout {
    /// The smallest terminal the full dashboard is designed for.
    public static let designSize = Size(width: 80, height: 24)
    /// Below this the console shows only the "terminal too small" screen.
    public static let minimumSize = Size(width: 60, height: 16)

    /// Dashboard tile columns: three on wide terminals, else two.
    public static func tileColumns(for size: Size) -> Int { size.width >= 150 ? 3 : 2 }

    /// Table rows that fit: the screen minus header, table title, column headings, status bar and message line.
    public static func tableRows(for size: Size) -> Int { max(1, size.height - 5) }
}

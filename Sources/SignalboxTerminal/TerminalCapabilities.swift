/// What the terminal session can show, decided once at start-up by `CursesTerminal`.
public struct TerminalCapabilities: Hashable, Sendable {
    /// The colour tier actually used (already limited to what curses can drive).
    public var colorTier: ColorTier
    /// Box-drawing characters to use: `.ascii` when the locale is not UTF-8 or ASCII was forced.
    public var lineSet: LineSet
    /// `true` when the locale's codeset is UTF-8, so non-ASCII text can be shown; otherwise the
    /// backend shows non-ASCII characters as `?`.
    public var isUTF8: Bool

    /// Creates capabilities explicitly (e.g. in tests of views).
    public init(colorTier: ColorTier, lineSet: LineSet, isUTF8: Bool) {
        self.colorTier = colorTier
        self.lineSet = lineSet
        self.isUTF8 = isUTF8
    }

    /// Capabilities for a locale codeset (`nl_langinfo(CODESET)`, e.g. `"UTF-8"`, `"ANSI_X3.4-1968"`).
    public static func resolve(codeset: String, forceASCII: Bool, colorTier: ColorTier) -> TerminalCapabilities {
        let normalized = codeset.uppercased().filter { $0 != "-" && $0 != "_" }
        let isUTF8 = normalized == "UTF8"
        return TerminalCapabilities(colorTier: colorTier, lineSet: isUTF8 && !forceASCII ? .unicode : .ascii, isUTF8: isUTF8)
    }
}

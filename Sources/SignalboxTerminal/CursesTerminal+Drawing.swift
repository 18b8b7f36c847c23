import CNcursesw

extension CursesTerminal {
    /// Puts one cell into curses' virtual screen. Continuation cells are covered by their wide character;
    /// without a UTF-8 locale, common symbols get an ASCII stand-in (``TerminalText/asciiStandIn(for:)``) and
    /// anything else non-ASCII (both halves of a wide character) shows as `?`.
    func write(_ cell: Cell, x: Int, y: Int) {
        let symbol: String
        if capabilities.isUTF8 {
            guard !cell.isContinuation else { return }
            symbol = cell.symbol
        } else {
            symbol = cell.isContinuation ? "?" : TerminalText.asciiStandIn(for: cell.symbol)
        }
        let characters = symbol.unicodeScalars.prefix(Int(sb_cchar_max())).map { wchar_t(bitPattern: $0.value) } + [0]
        let (attributes, pair) = cursesAttributes(for: cell.style)
        _ = sb_put_cell(Int32(y), Int32(x), characters, attributes, pair)
    }

    /// Curses attributes and colour pair for a style, degraded to the session's colour tier.
    /// Monochrome sessions use attributes only; when colour pairs run out, pair 0 (default colours) is used.
    private func cursesAttributes(for style: Style) -> (attr_t, Int32) {
        var attributes = sb_attr_normal()
        if style.bold { attributes |= sb_attr_bold() }
        if style.dim { attributes |= sb_attr_dim() }
        if style.underline { attributes |= sb_attr_underline() }
        if style.reverse { attributes |= sb_attr_reverse() }
        guard capabilities.colorTier > .none else { return (attributes, 0) }
        let degraded = style.degraded(to: capabilities.colorTier)
        let colors = ColorPairTable.Colors(
            foreground: ColorPairTable.cursesNumber(for: degraded.foreground),
            background: ColorPairTable.cursesNumber(for: degraded.background)
        )
        guard let (number, isNew) = allocatePair(for: colors) else { return (attributes, 0) }
        if isNew { _ = init_extended_pair(number, colors.foreground, colors.background) }
        return (attributes, number)
    }
}

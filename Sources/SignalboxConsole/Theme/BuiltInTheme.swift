import SignalboxTerminal

extension Theme {
    /// The name of the default theme.
    public static let defaultName = "dark"

    /// The default dark theme, compiled in so the console works when no theme file is found.
    /// Identical to the shipped `Themes/dark.yaml` (a test keeps them in step).
    ///
    /// It keeps the terminal's own background and text colour, uses saturated colours that keep their hue
    /// down to 8 colours, and uses attributes rather than greys for dim text, selection and bars. Solid blocks
    /// (breach, badge) are coloured text in reverse, so they still stand out with no colour at all.
    public static let builtInDefault = Theme(name: defaultName, styles: [
        .background: Style(),
        .text: Style(),
        .dim: Style(dim: true),
        .accent: Style(foreground: .rgb(0x5F, 0xD7, 0xFF)),
        .ok: Style(foreground: .rgb(0x5F, 0xD7, 0x00)),
        .warn: Style(foreground: .rgb(0xFF, 0xD7, 0x5F), bold: true),
        .breach: Style(foreground: .rgb(0xFF, 0x5F, 0x5F), bold: true, reverse: true),
        .unknown: Style(dim: true),
        .selection: Style(reverse: true),
        .border: Style(foreground: .rgb(0x5F, 0x87, 0xFF)),
        .header: Style(foreground: .rgb(0x5F, 0xD7, 0xFF), bold: true),
        .statusBar: Style(reverse: true),
        .badge: Style(foreground: .rgb(0xFF, 0xD7, 0x5F), bold: true, reverse: true),
        .stale: Style(foreground: .rgb(0xFF, 0x87, 0x5F), underline: true),
    ])
}

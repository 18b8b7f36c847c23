import SignalboxTerminal

extension Theme {
    /// The name of the default theme.
    public static let defaultName = "dark"

    /// The default dark theme, compiled in so the console works when no theme file is found.
    /// Identical to the shipped `Themes/dark.yaml` (a test keeps them in step).
    ///
    /// It keeps the terminal's own background and text colour, and uses attributes rather than greys for
    /// dim text, selection and bars, so it stays legible when degraded down to 8 colours.
    public static let builtInDefault = Theme(name: defaultName, styles: [
        .background: Style(),
        .text: Style(),
        .dim: Style(dim: true),
        .accent: Style(foreground: .rgb(0x88, 0xC0, 0xD0)),
        .ok: Style(foreground: .rgb(0xA3, 0xBE, 0x8C)),
        .warn: Style(foreground: .rgb(0xEB, 0xCB, 0x8B), bold: true),
        .breach: Style(foreground: .rgb(0x1D, 0x21, 0x28), background: .rgb(0xE0, 0x6C, 0x75), bold: true),
        .unknown: Style(dim: true),
        .selection: Style(reverse: true),
        .border: Style(foreground: .rgb(0x81, 0xA1, 0xC1)),
        .header: Style(foreground: .rgb(0x88, 0xC0, 0xD0), bold: true),
        .statusBar: Style(reverse: true),
        .badge: Style(foreground: .rgb(0x1D, 0x21, 0x28), background: .rgb(0xEB, 0xCB, 0x8B), bold: true),
        .stale: Style(foreground: .rgb(0xD0, 0x87, 0x70), underline: true),
    ])
}

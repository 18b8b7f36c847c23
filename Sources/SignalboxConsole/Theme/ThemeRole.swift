/// What a piece of the screen means; a theme gives each role a style.
///
/// The raw value is the key used in theme files (`roles.statusBar.fg`).
public enum ThemeRole: String, CaseIterable, Sendable, Hashable {
    /// The screen's base: empty space and panel interiors.
    case background
    /// Ordinary text and values.
    case text
    /// Secondary text: labels, units, hints, timestamps.
    case dim
    /// Emphasis that is not a health state: focused panel titles, key letters, links to drill-downs.
    case accent
    /// A signal within its thresholds.
    case ok
    /// A signal past its warn threshold.
    case warn
    /// A signal past its breach threshold.
    case breach
    /// A signal whose health cannot be judged (empty population, store unreachable).
    case unknown
    /// The selected row of a table or list.
    case selection
    /// Panel borders and separators.
    case border
    /// Panel and table headers, the screen title.
    case header
    /// The bottom status/key bar.
    case statusBar
    /// Small markers that must stand out, e.g. the `[R]` read-only badge.
    case badge
    /// Data that may be out of date (store not answering, last refresh failed).
    case stale
}

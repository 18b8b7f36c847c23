import SignalboxTerminal

/// A named set of styles, one per ``ThemeRole``.
///
/// Themes hold the richest colours they want; degrade them to the terminal's tier with
/// ``degraded(to:)`` (or let the curses backend do it per cell).
///
/// ```swift
/// let theme = ThemeCatalog.loadFallingBack(named: config.theme, environment: env).theme
/// buffer.put("BREACH", x: 0, y: 0, style: theme.style(for: .breach))
/// ```
public struct Theme: Equatable, Sendable {
    /// The theme's name (its file name without `.yaml`).
    public var name: String
    /// The style of every role; roles missing here draw in ``Style/plain``.
    public var styles: [ThemeRole: Style]

    /// Creates a theme from explicit styles.
    public init(name: String, styles: [ThemeRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style to draw `role` in.
    public func style(for role: ThemeRole) -> Style { styles[role] ?? .plain }

    /// The same theme with every colour degraded to what `tier` can show (attributes kept).
    public func degraded(to tier: ColorTier) -> Theme {
        Theme(name: name, styles: styles.mapValues { $0.degraded(to: tier) })
    }
}

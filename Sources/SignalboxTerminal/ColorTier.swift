/// How many colours a terminal can show, from none to 24-bit. Ordered: `.none < .ansi8 < … < .truecolor`.
public enum ColorTier: Int, Comparable, Sendable, CaseIterable {
    /// Monochrome: attributes only (bold, dim, underline, reverse).
    case none
    /// The 8 basic ANSI colours.
    case ansi8
    /// 8 colours plus their bright variants.
    case ansi16
    /// The xterm 256-colour palette.
    case indexed256
    /// 24-bit RGB.
    case truecolor

    /// Compares by richness.
    public static func < (lhs: ColorTier, rhs: ColorTier) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The richest tier a terminal reporting `colors` colours (terminfo `colors`, curses `COLORS`) supports.
    public static func fromColorCount(_ colors: Int) -> ColorTier {
        switch colors {
        case 16_777_216...: .truecolor
        case 256...: .indexed256
        case 16...: .ansi16
        case 8...: .ansi8
        default: .none
        }
    }

    /// Decides the colour tier from the environment, the terminfo colour count and the user's choice.
    ///
    /// Rules, in order:
    /// - `.never` → `.none`.
    /// - `.auto` and `NO_COLOR` set to a non-empty value (https://no-color.org) → `.none`.
    /// - `.auto` and `TERM` empty, `dumb` or `vt100`-family → `.none`.
    /// - Otherwise the tier of `terminfoColors`, raised to `.truecolor` when `COLORTERM` is `truecolor`
    ///   or `24bit` and the terminal has colours at all. `.always` forces at least `.ansi8`.
    ///
    /// ```swift
    /// ColorTier.detect(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"], terminfoColors: 256, mode: .auto) // .none
    /// ```
    public static func detect(environment: [String: String], terminfoColors: Int, mode: ColorMode) -> ColorTier {
        if mode == .never { return .none }
        let term = environment["TERM"] ?? ""
        if mode == .auto {
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
            if term.isEmpty || term == "dumb" || term.hasPrefix("vt1") || term.hasPrefix("vt2") { return .none }
        }
        var tier = fromColorCount(terminfoColors)
        if mode == .always { tier = max(tier, .ansi8) }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if tier > .none, colorTerm == "truecolor" || colorTerm == "24bit" { tier = .truecolor }
        return tier
    }
}

/// The user's colour choice (e.g. a `--color auto|always|never` option).
public enum ColorMode: String, Sendable, CaseIterable {
    /// Follow the terminal and `NO_COLOR`.
    case auto
    /// Use colours even if `NO_COLOR` is set or the terminal looks monochrome.
    case always
    /// Never use colours; attributes only.
    case never
}

/// Hands out curses colour-pair numbers on demand, one per distinct (foreground, background), with a cache.
///
/// Pair 0 is the terminal default and is never allocated; when all pairs are used, `pair(for:)` returns
/// `nil` and the caller falls back to pair 0 (text stays readable, colours are lost).
struct ColorPairTable {
    /// Curses colour numbers of a pair (`-1` is the terminal default).
    struct Colors: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// How many pairs the terminal has (curses `COLOR_PAIRS`), including pair 0.
    let capacity: Int
    private var numbers: [Colors: Int32] = [:]

    init(capacity: Int) { self.capacity = capacity }

    /// The pair number for `colors`, and whether it is new (the caller must then `init_extended_pair` it).
    mutating func pair(for colors: Colors) -> (number: Int32, isNew: Bool)? {
        if colors == Colors(foreground: -1, background: -1) { return (0, false) }
        if let number = numbers[colors] { return (number, false) }
        let next = numbers.count + 1
        guard next < capacity else { return nil }
        numbers[colors] = Int32(next)
        return (Int32(next), true)
    }

    /// The curses colour number for an already degraded colour; `-1` for the default.
    ///
    /// Direct-colour terminals (`COLORS` = 2²⁴) take RGB as `0xRRGGBB`, where values below 8 mean the ANSI
    /// colours, so such RGB values are nudged to 8.
    static func cursesNumber(for color: Color) -> Int32 {
        switch color {
        case .default: -1
        case .ansi(let index), .indexed(let index): Int32(index)
        case .rgb(let red, let green, let blue): max(8, Int32(red) << 16 | Int32(green) << 8 | Int32(blue))
        }
    }
}

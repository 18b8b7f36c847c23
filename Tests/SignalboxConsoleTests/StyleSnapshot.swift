import SignalboxTerminal

/// A buffer's styles, compactly: a legend giving each distinct style a letter (in order of first use), then one
/// line per row of runs, `a12 b3` for twelve cells in style `a` then three in `b`.
///
/// ```
/// a = fg - bg -
/// b = fg a1 bg - bold
/// a12 b3 a65
/// ```
struct StyleSnapshot {
    let text: String

    static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    init(_ buffer: Buffer) {
        var letterOf: [Style: Character] = [:]
        var legend: [String] = []
        var rows: [String] = []
        for y in 0..<buffer.size.height {
            var runs: [(Character, Int)] = []
            for x in 0..<buffer.size.width {
                guard let style = buffer.cell(x: x, y: y)?.style else { continue }
                let letter = letterOf[style] ?? {
                    let next = Self.letters[min(letterOf.count, Self.letters.count - 1)]
                    letterOf[style] = next
                    legend.append("\(next) = \(Self.describe(style))")
                    return next
                }()
                if let last = runs.last, last.0 == letter { runs[runs.count - 1].1 += 1 } else { runs.append((letter, 1)) }
            }
            rows.append(runs.map { "\($0.0)\($0.1)" }.joined(separator: " "))
        }
        text = (legend + rows).joined(separator: "\n") + "\n"
    }

    /// `fg a1 bg i236 bold reverse`.
    static func describe(_ style: Style) -> String {
        var words = ["fg", describe(style.foreground), "bg", describe(style.background)]
        if style.bold { words.append("bold") }
        if style.dim { words.append("dim") }
        if style.underline { words.append("underline") }
        if style.reverse { words.append("reverse") }
        return words.joined(separator: " ")
    }

    static func describe(_ color: Color) -> String {
        switch color {
        case .default: "-"
        case .ansi(let index): "a\(index)"
        case .indexed(let index): "i\(index)"
        case .rgb(let red, let green, let blue): "#" + [red, green, blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}

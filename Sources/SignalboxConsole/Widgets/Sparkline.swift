import SignalboxTerminal

/// A small bar chart of a series, one column per value, newest on the right.
///
/// Scaling: bars are scaled between the minimum and maximum of the non-missing values passed
/// (not from zero), so small changes stay visible; the lowest value draws the smallest visible bar
/// and the highest a full-height bar. When all values are equal every bar is half height, unless they are all
/// zero: then every bar is the smallest, a flat line at the bottom (no events for hours must not look like some).
/// Show the range next to the chart with ``scaleLabel(_:ascii:format:)`` so readers know the scale.
///
/// ```swift
/// Sparkline.render([1, 5, nil, 8], into: &buffer, at: Rect(x: 0, y: 0, width: 4, height: 1), style: style, ascii: false)
/// buffer.lines()[0]  // "▁▅ █"
/// Sparkline.scaleLabel([1, 5, nil, 8])  // "1–8"
/// ```
public enum Sparkline {
    /// Unicode bars, one eighth of a cell each.
    static let unicodeBars: [String] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// ASCII bars, lowest to full.
    static let asciiBars: [String] = ["_", ".", "-", "=", "#"]

    /// Draws `values` into `rect`: the rect is first filled blank in `style`, then the last
    /// `rect.width` values are drawn right-aligned (older ones are dropped; fewer values leave the left
    /// side blank). Bars grow upwards from the rect's bottom row over its whole height. Missing values
    /// (`nil`) stay blank. `ascii` uses `_.-=#` instead of block characters.
    public static func render(_ values: [Int64?], into buffer: inout Buffer, at rect: Rect, style: Style, ascii: Bool) {
        buffer.fill(rect, style: style)
        guard !rect.isEmpty else { return }
        let bars = ascii ? asciiBars : unicodeBars
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return }
        let levels = Int128(bars.count * rect.height)
        let visible = values.suffix(rect.width)
        var x = rect.maxX - visible.count
        for value in visible {
            defer { x += 1 }
            guard let value else { continue }
            let level: Int128 = high == low
                ? (low == 0 ? 1 : (levels + 1) / 2)
                : 1 + (Int128(value) - Int128(low)) * (levels - 1) / (Int128(high) - Int128(low))
            drawColumn(level: Int(level), x: x, rect: rect, bars: bars, style: style, into: &buffer)
        }
    }

    /// Fills one column from the bottom: full cells, then a partial top cell.
    private static func drawColumn(level: Int, x: Int, rect: Rect, bars: [String], style: Style, into buffer: inout Buffer) {
        for row in 0..<rect.height {
            let fill = min(max(level - row * bars.count, 0), bars.count)
            guard fill > 0 else { break }
            buffer.put(bars[fill - 1], x: x, y: rect.maxY - 1 - row, style: style)
        }
    }

    /// The range of the non-missing values as `min–max` (`min-max` when `ascii`), each formatted with
    /// `format`; a single value when min equals max; `"–"` (`"-"`) when there are no values.
    ///
    /// ```swift
    /// Sparkline.scaleLabel([0, 42, nil])  // "0–42"
    /// ```
    public static func scaleLabel(_ values: [Int64?], ascii: Bool = false, format: (Int64) -> String = { String($0) }) -> String {
        let dash = ascii ? "-" : "–"
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return dash }
        return low == high ? format(low) : format(low) + dash + format(high)
    }
}

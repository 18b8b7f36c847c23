/// How much of a row or column split a part takes; used by `Rect.splitRows` and `Rect.splitColumns`.
public enum Extent: Hashable, Sendable {
    /// Exactly this many cells (less if the space runs out).
    case fixed(Int)
    /// This percentage (0...100) of the whole length, rounded down.
    case percent(Int)
    /// An equal share of whatever the fixed and percent parts leave; earlier fill parts get the remainder cells.
    case fill
}

extension Rect {
    /// Splits top-to-bottom into consecutive rows, one rectangle per extent.
    ///
    /// Parts are laid out in order; fixed and percent parts are served first, then `.fill` parts share
    /// the rest. If space runs out, later parts are shortened (down to zero height), never overlapping.
    public func splitRows(_ extents: [Extent]) -> [Rect] {
        Rect.lengths(of: extents, total: height).reduce(into: [Rect]()) { parts, length in
            let top = parts.last?.maxY ?? y
            parts.append(Rect(x: x, y: top, width: width, height: length))
        }
    }

    /// Splits left-to-right into consecutive columns, one rectangle per extent (rules as `splitRows`).
    public func splitColumns(_ extents: [Extent]) -> [Rect] {
        Rect.lengths(of: extents, total: width).reduce(into: [Rect]()) { parts, length in
            let left = parts.last?.maxX ?? x
            parts.append(Rect(x: left, y: y, width: length, height: height))
        }
    }

    /// The length of each part when `total` cells are split by `extents`.
    static func lengths(of extents: [Extent], total: Int) -> [Int] {
        var remaining = total
        var lengths = extents.map { extent -> Int in
            let wanted: Int
            switch extent {
            case .fixed(let cells): wanted = max(0, cells)
            case .percent(let percent): wanted = total * min(max(percent, 0), 100) / 100
            case .fill: return 0
            }
            let granted = min(wanted, remaining)
            remaining -= granted
            return granted
        }
        let fillIndices = extents.indices.filter { extents[$0] == .fill }
        guard !fillIndices.isEmpty else { return lengths }
        let share = remaining / fillIndices.count
        let extra = remaining % fillIndices.count
        for (order, index) in fillIndices.enumerated() {
            lengths[index] = share + (order < extra ? 1 : 0)
        }
        return lengths
    }
}

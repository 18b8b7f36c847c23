/// A horizontal run of consecutive cells that changed between two frames.
public struct CellRun: Hashable, Sendable {
    /// Column of the first cell.
    public var x: Int
    /// Row.
    public var y: Int
    /// The new cells, left to right (may include continuation cells, which backends skip).
    public var cells: [Cell]

    /// Creates a run.
    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

extension Buffer {
    /// The runs of cells in `next` that differ from `previous`, row by row, left to right.
    ///
    /// When there is no previous frame or the sizes differ, every row of `next` is one run (a full repaint).
    /// A changed wide character always brings its continuation cell along, so a run never ends in the
    /// middle of a wide character.
    public static func diff(from previous: Buffer?, to next: Buffer) -> [CellRun] {
        let width = next.size.width
        guard let previous, previous.size == next.size else {
            return (0..<next.size.height).compactMap { y in
                width == 0 ? nil : CellRun(x: 0, y: y, cells: Array(next.cells[(y * width)..<((y + 1) * width)]))
            }
        }
        var runs: [CellRun] = []
        for y in 0..<next.size.height {
            var current: CellRun?
            for x in 0..<width {
                let index = y * width + x
                let cell = next.cells[index]
                let changed = cell != previous.cells[index] || (cell.isContinuation && current != nil)
                if changed {
                    if current == nil { current = CellRun(x: x, y: y, cells: []) }
                    current?.cells.append(cell)
                } else if let run = current {
                    runs.append(run)
                    current = nil
                }
            }
            if let run = current { runs.append(run) }
        }
        return runs
    }
}

import SignalboxTerminal

/// The prompt or y/N confirmation over the queue, in a box at the bottom of the body.
enum QueueDialogView {
    static func draw(_ dialog: QueueDialog, into buffer: inout Buffer, area: Rect, theme: Theme, lineSet: LineSet) {
        var lines: [[TextSegment]]
        let title: String
        switch dialog {
        case .prompt(let purpose, let text):
            title = " Action "
            lines = [[TextSegment(QueueDialog.question(purpose) + ": ", .accent), TextSegment(text + "_")],
                     [TextSegment("Enter continues (a confirmation follows) · Esc cancels", .dim)]]
        case .previewing(let plan):
            title = " Preview "
            lines = [[TextSegment(plan.summary)], [TextSegment("counting what would be written… (Esc cancels)", .dim)]]
        case .confirm(let plan, let preview):
            title = " Confirm write "
            // The question stays visible; a preview longer than the screen says how many lines it could not show.
            let room = max(0, area.height - 4)
            var shown = preview.map { [TextSegment($0)] }
            if shown.count > room {
                shown = Array(shown.prefix(max(0, room - 1)))
                shown.append([TextSegment("  … \(preview.count - shown.count) more lines (enlarge the window to see them)", .dim)])
            }
            lines = shown
            lines.append([TextSegment("Write: ", .warn), TextSegment(plan.summary + "?")])
            lines.append([TextSegment("y writes · any other key cancels (nothing is written)", .dim)])
        }
        let width = min(area.width - 2, 76)
        lines = lines.flatMap { TextWrap.wrap($0, width: width - 4, hangingIndent: 2) }
        let height = min(area.height, lines.count + 2)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.maxY - height, width: width, height: height)
        buffer.fill(box, style: theme.style(for: .background))
        buffer.drawBorder(box, lineSet: lineSet, style: theme.style(for: .accent), title: title)
        for (offset, line) in lines.prefix(box.height - 2).enumerated() {
            buffer.putSegments(line, x: box.x + 2, y: box.y + 1 + offset, maxWidth: box.width - 4, theme: theme)
        }
    }
}

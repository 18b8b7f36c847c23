import Foundation
import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// The command line's resolve-all: a preview that lists every exception it would write (and apart, the ones the
/// rules refuse), and a write of exactly what was previewed.
enum BulkResolutionOutput {
    /// The preview: every included exception with id, kind, amount and version, the refused ones apart with the
    /// reason, and the plan digest that `--yes --plan` must match.
    static func preview(_ plan: BulkResolutionPlan) -> String {
        var lines = ["would resolve \(plan.included.count) open exception(s) about \(plan.subject) as \(plan.target):"]
        lines += table(plan.included.map { [$0.exceptionID, $0.kind.rawValue, $0.amountText, String($0.version)] },
                       header: ["ID", "KIND", "AT RISK", "VER"])
        if !plan.refused.isEmpty {
            lines.append("not included: \(plan.refused.count) the rules refuse:")
            lines += table(plan.refused.map { [$0.item.exceptionID, $0.item.kind.rawValue, $0.item.amountText, $0.error.description] },
                           header: ["ID", "KIND", "AT RISK", "REASON"])
        }
        lines.append("plan \(plan.digest)")
        lines.append("run again with --yes --plan \(plan.digest) to resolve exactly these")
        return lines.map { TerminalSafeText.sanitize($0) }.joined(separator: "\n")
    }

    /// What was written: one line per confirmed exception (resolved, or not written and why).
    static func result(_ outcome: BulkResolutionReport, plan: BulkResolutionPlan) -> String {
        var lines = outcome.resolvedIDs.map { "resolved \($0)" }
        lines += outcome.failures.map { "not resolved \($0.exceptionID): \($0.error)" }
        lines += plan.refused.map { "not included \($0.item.exceptionID): \($0.error)" }
        lines.append("resolved \(outcome.resolvedIDs.count) of \(plan.included.count) confirmed")
        return lines.map { TerminalSafeText.sanitize($0) }.joined(separator: "\n")
    }

    /// Every column whole whatever the terminal's width (a preview that binds a write hides nothing); long
    /// lines wrap instead.
    private static func table(_ rows: [[String]], header: [String]) -> [String] {
        let columns = header.enumerated().map { DataTable.Column.whole($0.element, priority: $0.offset) }
        return TextTable.render(columns: columns, rows: rows, width: nil).split(separator: "\n").map { "  " + $0 }
    }
}

/// The previews the command line printed, kept so `--yes --plan DIGEST` can say what changed since:
/// `$XDG_STATE_HOME/signalbox/plans/DIGEST` (or `~/.local/state/…`), one `ID VERSION` line per exception.
struct SavedPreviews {
    let directory: String

    init(environment: [String: String]) {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            directory = state + "/signalbox/plans"
        } else {
            directory = (environment["HOME"] ?? ".") + "/.local/state/signalbox/plans"
        }
    }

    /// Keeps `plan`'s ids and versions under its digest; a preview that cannot be kept still prints.
    func save(_ plan: BulkResolutionPlan) {
        let text = plan.seenVersions.map { "\($0.exceptionID) \($0.version)\n" }.joined()
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        try? text.write(toFile: directory + "/" + plan.digest, atomically: true, encoding: .utf8)
    }

    /// The ids and versions a preview with `digest` listed, or nil when it was not kept here.
    func load(_ digest: String) -> [(exceptionID: String, version: Int64)]? {
        guard digest.allSatisfy(\.isHexDigit),
              let text = try? String(contentsOfFile: directory + "/" + digest, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let version = Int64(parts[1]) else { return nil }
            return (String(parts[0]), version)
        }
    }
}

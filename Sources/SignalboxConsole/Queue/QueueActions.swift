import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// The queue's write actions: each key opens a prompt or a y/N confirmation; only `y` writes.
enum QueueActions {
    /// Keys that write (absent from the key bar and greyed in help when the store is read-only).
    static let keys: Set<Character> = ["c", "u", "d", "n", "p", "A", "m", "a", "1", "2", "3", "4", "5", "6", "7", "8", "9"]

    /// Why nothing is written while the store is not answering (the stale banner shows): the data on screen may be
    /// out of date, and a server being switched (failover) must not receive half an action.
    static let staleRefusal = "not written: the store is not answering (STALE); retry when the banner is gone"

    static func start(_ key: Character, screen: QueueScreen, state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        guard !state.settings.readOnly else {
            state.message = "read-only: actions are disabled (the store was opened read-only)"
            return (state, [])
        }
        guard !state.isStale else {
            state.message = staleRefusal
            return (state, [])
        }
        let targets: [WriteTarget]
        if let record = screen.detail?.record {
            targets = [WriteTarget(exceptionID: record.id, seenVersion: record.version)]
        } else if screen.detail == nil, screen.grouping == nil {
            targets = screen.actionRows.map { WriteTarget(exceptionID: $0.exceptionID, seenVersion: $0.version) }
        } else {
            targets = []
        }
        guard !targets.isEmpty else {
            state.message = screen.grouping != nil ? "open a group first (Enter)" : "nothing selected"
            return (state, [])
        }
        if let refusal = refusal(key, screen: screen, user: state.settings.userName, now: state.queueNow) {
            state.message = refusal
            return (state, [])
        }
        switch key {
        case "c": state.dialog = confirm(.each(.claim, targets))
        case "u": state.dialog = confirm(.each(.release, targets))
        case "p": state.dialog = confirm(.each(.requestReprocess, targets))
        case "d": state.dialog = .prompt(.dismissReason(targets), text: "")
        case "n": state.dialog = .prompt(.note(targets), text: "")
        case "m" where targets.count == 1: state.dialog = .prompt(.target(targets[0]), text: "")
        case "A", "a", "1"..."9":
            guard let record = screen.detail?.record else {
                state.message = "open the exception first (Enter): \(key) needs its detail"
                return (state, [])
            }
            return detailAction(key, record: record, suggestion: screen.detail?.suggestion, target: targets[0], state: state)
        default:
            state.message = "\(key) acts on one exception: unmark the others (space)"
        }
        return (state, [])
    }

    private static func detailAction(_ key: Character, record: ExceptionRecord, suggestion: RememberedMapping?,
                                     target: WriteTarget, state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        switch key {
        case "A":
            guard let request = record.outstandingReprocess, request.approval == nil else {
                state.message = "no reprocess request awaits approval on \(record.id)"
                return (state, [])
            }
            state.dialog = confirm(.each(.approveReprocess(requestID: request.requestID), [target]))
        case "a":
            guard let subject = record.subject else {
                state.message = "\(record.id) has no subject to apply a resolution to"
                return (state, [])
            }
            state.dialog = .prompt(.resolveAllTarget(subject: RecordKey(subject), candidates: record.candidates),
                                   text: suggestion.map { $0.target.description } ?? "")
        default:
            let number = key.wholeNumberValue ?? 0
            guard number <= record.candidates.count else {
                state.message = record.candidates.isEmpty ? "\(record.id) has no candidates (m types a target key)"
                    : "no candidate \(number): choose 1–\(record.candidates.count)"
                return (state, [])
            }
            let chosen = record.candidates[number - 1].record
            state.dialog = .confirm(.each(.resolve(.candidate(index: number - 1), note: nil), [target]),
                                    lines: ["map \(record.subject.map { "\($0.system)/\($0.key)" } ?? "subject") → \(chosen.system)/\(chosen.key) \(chosen.name)"])
        }
        return (state, [])
    }

    private static func confirm(_ plan: WritePlan) -> QueueDialog { .confirm(plan, lines: []) }

    /// What the rules already say against `key` on the one exception the user sees, shown instead of a prompt or a
    /// y/N question; nil when they allow it or cannot tell yet (marked rows are each checked when written).
    static func refusal(_ key: Character, screen: QueueScreen, user: String, now: Timestamp) -> String? {
        if let detail = screen.detail {
            guard let record = detail.record, let command = probe(key, record: record),
                  let refusal = ExceptionRules.refusal(of: command, on: record, by: user, policy: detail.policy, now: now)
            else { return nil }
            return "\(record.id): \(refusal.description)"
        }
        guard screen.marked.isEmpty, let row = screen.selectedRow, key != "n" else { return nil }
        // From the list only the row is known: its state and owner already tell the two commonest refusals.
        if row.state.isClosed { return "\(row.exceptionID): already closed (\(row.state.rawValue)); it takes notes only" }
        if let owner = row.assignee, owner != user, ["c", "u", "d", "p"].contains(key) {
            return "\(row.exceptionID): claimed by \(owner); \(owner) must release it first"
        }
        return nil
    }

    /// The command `key` starts on `record`, with placeholder text where a prompt would ask for it.
    private static func probe(_ key: Character, record: ExceptionRecord) -> ExceptionCommand? {
        switch key {
        case "c": .claim
        case "u": .release
        case "p": .requestReprocess
        case "d": .dismiss(reason: "reason")
        case "m": .resolve(.noMapping, note: "note")
        case "A": record.outstandingReprocess.map { .approveReprocess(requestID: $0.requestID) }
        case "1"..."9" where (key.wholeNumberValue ?? 0) <= record.candidates.count:
            .resolve(.candidate(index: (key.wholeNumberValue ?? 1) - 1), note: nil)
        default: nil
        }
    }

    /// Keys while a dialog is open: typing into a prompt, or y/N.
    static func dialogKey(_ key: Key, dialog: QueueDialog, state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        switch dialog {
        case .confirm(let plan, _):
            state.dialog = nil
            guard key == .character("y") || key == .character("Y") else {
                state.message = "cancelled: nothing written"
                return (state, [])
            }
            guard !state.isStale else {
                state.message = staleRefusal
                return (state, [])
            }
            state.message = "writing: \(plan.summary)…"
            return (state, [.write(plan)])
        case .previewing:
            if key == .escape {
                state.dialog = nil
                state.message = "cancelled: nothing written"
            }
            return (state, [])
        case .prompt(let purpose, let text):
            switch key {
            case .escape:
                state.dialog = nil
                state.message = "cancelled: nothing written"
            case .backspace:
                state.dialog = .prompt(purpose, text: String(text.dropLast()))
            case .character(let character):
                state.dialog = .prompt(purpose, text: text + String(character))
            case .enter:
                return submit(purpose, text: String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()), state: state)
            default:
                break
            }
            return (state, [])
        }
    }

    private static func submit(_ purpose: QueueDialog.Purpose, text: String, state: ConsoleState) -> (ConsoleState, [ConsoleEffect]) {
        var state = state
        guard !text.isEmpty else {
            state.message = "\(QueueDialog.question(purpose)): type something, or Esc to cancel"
            return (state, [])
        }
        switch purpose {
        case .dismissReason(let targets): state.dialog = confirm(.each(.dismiss(reason: text), targets))
        case .note(let targets): state.dialog = confirm(.each(.note(text), targets))
        case .target(let target):
            let key = parseKey(text)
            state.dialog = confirm(.each(.resolve(.target(key: key.key, system: key.system), note: nil), [target]))
        case .resolveAllTarget(let subject, let candidates):
            guard let target = resolveTarget(text, candidates: candidates) else {
                state.message = "\(text): give a candidate number 1–\(candidates.count) or SYSTEM/KEY"
                return (state, [])
            }
            let plan = WritePlan.resolveAll(subject: subject, target: target, note: nil)
            state.dialog = .previewing(plan)
            return (state, [.previewResolveAll(plan)])
        }
        return (state, [])
    }

    /// `SYSTEM/KEY` or a bare `KEY`.
    static func parseKey(_ text: String) -> (system: String?, key: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : (nil, text)
    }

    /// A candidate number, `SYSTEM/KEY`, or a bare key when every candidate is in one system.
    static func resolveTarget(_ text: String, candidates: [MappingCandidate]) -> RecordKey? {
        if let number = Int(text) {
            return candidates.indices.contains(number - 1) ? RecordKey(candidates[number - 1].record) : nil
        }
        let (system, key) = parseKey(text)
        guard let system = system ?? (try? MappingCandidate.commonSystem(of: candidates)) else { return nil }
        return RecordKey(system: system, key: key)
    }
}

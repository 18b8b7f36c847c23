import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal

/// Queue rows and an exception record for the queue's update and render tests.
enum QueueFixtures {
    static let asOf = ConsoleFixtures.asOf

    static func row(_ id: String, kind: String = "ambiguous_customer_mapping", severity: String = "high", state: QueueState = .open,
                    label: String = "open", assignee: String? = nil, age: SignalDuration = .days(2), version: Int64 = 5,
                    contract: String = "C-9", amount: ExactDecimal = ExactDecimal(2500)) -> ExceptionRow {
        ExceptionRow(exceptionID: id, kind: kind, severity: severity, summary: "Globex matches two ERP customers",
                     subject: SystemRecord(system: "CRM", key: "GLOBEX", name: "Globex"), correlationID: contract,
                     amountAtRisk: amount, currency: "EUR", state: state, stateLabel: label, assignee: assignee,
                     raisedAt: asOf.subtracting(age), version: version,
                     lastChange: assignee.map { ActorStamp(by: $0, at: asOf.subtracting(.seconds(720))) },
                     cursor: ExceptionCursor(sortValue: "\(age.microseconds)", exceptionID: id))
    }

    static let rows = [
        row("X1"),
        row("X2", state: .claimed, label: "claimed by alice", assignee: "alice", age: .days(1)),
        row("X3", kind: "posting_failed", severity: "low", age: .seconds(3600)),
    ]

    /// Rows with the live simulator's identifiers (`EXC-LHTCKV-0000001`, `CTR-LHTCKV-0000001`) and a large amount.
    static let liveRows = [
        row("EXC-LHTCKV-0000001", age: .days(3), contract: "CTR-LHTCKV-0000001", amount: ExactDecimal(418_000)),
        row("EXC-LHTCKV-0000002", state: .claimed, label: "claimed by eli.nakamura", assignee: "eli.nakamura", age: .days(1),
            contract: "CTR-LHTCKV-0000002"),
        row("EXC-LHTCKV-0000003", kind: "posting_failed", severity: "low", state: .pendingApproval,
            label: "reprocess pending approval (requested by bob)", assignee: "bob", age: .seconds(3600), contract: "CTR-LHTCKV-0000003"),
    ]

    /// The console on the queue with `rows` loaded.
    static func queueState(rows: [ExceptionRow], size: Size) -> ConsoleState {
        var state = ConsoleFixtures.loadedState(size: size)
        state = ConsoleUpdate.update(state, .key(.character("e"))).0
        if case .queue(let screen) = state.screen {
            state = ConsoleUpdate.update(state, .queueLoaded(screen.query, rows, append: false, asOf: ConsoleFixtures.asOf)).0
        }
        return state
    }

    static func event(_ json: String) throws -> CanonicalEvent { try CanonicalEvent(jsonLine: Array(json.utf8)) }

    /// X1: raised with two candidates, claimed by alice, with a note.
    static var record: ExceptionRecord {
        get throws {
            let lines = [
                #"{"event_id":"raise-X1","type":"exception.raised","occurred_at":"2026-10-29T00:00:00Z","source":"MIDDLEWARE","correlation_id":"C-9","data":{"exception_id":"X1","kind":"ambiguous_customer_mapping","severity":"high","summary":"Globex matches two ERP customers","failed_event_id":"evt-failed-1","amount_at_risk":"2500.00","currency":"EUR","subject":{"system":"CRM","key":"GLOBEX","name":"Globex"},"candidates":[{"system":"ERP","key":"C-100","name":"Globex Ltd","score":0.93},{"system":"ERP","key":"C-200","name":"Globex GmbH","score":0.71}]}}"#,
                #"{"event_id":"c-1","type":"exception.claimed","occurred_at":"2026-10-30T23:48:00Z","source":"CONSOLE","correlation_id":"C-9","data":{"exception_id":"X1","by":"alice"}}"#,
                #"{"event_id":"n-1","type":"exception.noted","occurred_at":"2026-10-30T23:50:00Z","source":"CONSOLE","correlation_id":"C-9","data":{"exception_id":"X1","by":"alice","note":"asked sales which Globex"}}"#,
            ]
            let events = try lines.enumerated().map { LoggedEvent(sequence: Int64($0.offset + 10), event: try event($0.element)) }
            guard let record = ExceptionRecord(events: events) else { throw StoreError.notFound("X1 fixture") }
            return record
        }
    }

    static let suggestion = RememberedMapping(target: RecordKey(system: "ERP", key: "C-100"),
                                              resolved: ActorStamp(by: "bob", at: asOf.subtracting(.days(3))),
                                              exceptionID: "X0", sequence: 3)

    /// The console on the queue with `rows` loaded.
    static func queueState(size: Size = Size(width: 80, height: 24), readOnly: Bool = false) -> ConsoleState {
        var state = ConsoleFixtures.loadedState(size: size, readOnly: readOnly)
        state = ConsoleUpdate.update(state, .key(.character("e"))).0
        if case .queue(let screen) = state.screen {
            state = ConsoleUpdate.update(state, .queueLoaded(screen.query, rows, append: false, asOf: ConsoleFixtures.asOf)).0
        }
        return state
    }

    /// The console on X1's detail, loaded.
    static func detailState(size: Size = Size(width: 80, height: 24), readOnly: Bool = false) throws -> ConsoleState {
        var state = queueState(size: size, readOnly: readOnly)
        state = ConsoleUpdate.update(state, .key(.enter)).0
        state = ConsoleUpdate.update(state, .exceptionLoaded(id: "X1", try record, suggestion: suggestion)).0
        return state
    }
}

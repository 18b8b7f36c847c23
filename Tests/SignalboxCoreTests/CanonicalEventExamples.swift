import SignalboxCore

/// A valid example of one event type, and which of its field paths are required or optional.
///
/// "Required" means: removing this field from the example makes the event invalid (some fields, such as
/// `data.currency` next to `amount_at_risk` or the keys of an optional object, are required only
/// because of what else the example holds). "Optional" means: the event stays valid without it.
struct EventExample {
    let type: EventType
    let source: SourceSystem
    let data: String
    let required: [String]
    let optional: [String]

    static let envelopeFields = ["event_id", "type", "occurred_at", "source", "correlation_id", "data"]

    /// The example as one JSON line.
    var line: String {
        #"{"event_id":"evt-\#(type.rawValue)","type":"\#(type.rawValue)","occurred_at":"2026-10-01T11:15:00.250+02:00","#
            + #""source":"\#(source.rawValue)","correlation_id":"C-1001","data":\#(data)}"#
    }

    static let all: [EventExample] = [
        EventExample(
            type: .contractApproved, source: .clm,
            data: #"{"contract_id":"C-1001","customer":{"system":"CRM","key":"ACC-1","name":"Acme Corp"},"legal_entity":"US01","#
                + #""currency":"USD","billing_model":"time_and_materials","total_value":"250000.00","#
                + #""rate_card":[{"role":"consultant","rate":150},{"role":"manager","rate":"210.50"}],"#
                + #""start_date":"2026-10-01","end_date":"2027-03-31"}"#,
            required: ["contract_id", "customer", "customer.system", "customer.key", "customer.name", "legal_entity", "currency",
                       "billing_model", "total_value", "rate_card", "rate_card[0].role", "rate_card[0].rate",
                       "rate_card[1].role", "rate_card[1].rate", "start_date", "end_date"],
            optional: []
        ),
        EventExample(
            type: .contractAmended, source: .clm,
            data: #"{"contract_id":"C-1001","version":2,"effective_date":"2026-11-01","#
                + #""changes":{"rate_card":[{"role":"consultant","rate":160}],"end_date":"2027-06-30","total_value":300000}}"#,
            required: ["contract_id", "version", "effective_date", "changes", "changes.rate_card[0].role", "changes.rate_card[0].rate"],
            optional: ["changes.rate_card", "changes.end_date", "changes.total_value"]
        ),
        EventExample(
            type: .projectProvisioned, source: .psa,
            data: #"{"contract_id":"C-1001","project_id":"PRJ-1"}"#,
            required: ["contract_id", "project_id"], optional: []
        ),
        EventExample(
            type: .projectProvisioningFailed, source: .middleware,
            data: #"{"contract_id":"C-1001","attempt":1,"reason_code":"PSA_TIMEOUT","message":"PSA did not answer in 30s"}"#,
            required: ["contract_id", "attempt", "reason_code", "message"], optional: []
        ),
        EventExample(
            type: .billingScheduleCreated, source: .erp,
            data: #"{"contract_id":"C-1001","schedule_id":"BS-1"}"#,
            required: ["contract_id", "schedule_id"], optional: []
        ),
        EventExample(
            type: .amendmentApplied, source: .erp,
            data: #"{"contract_id":"C-1001","version":2,"target":"ERP","#
                + #""applied":{"rate_card":[{"role":"consultant","rate":"160.00"}],"end_date":"2027-06-30","total_value":"300000"}}"#,
            required: ["contract_id", "version", "target", "applied", "applied.rate_card[0].role", "applied.rate_card[0].rate"],
            optional: ["applied.rate_card", "applied.end_date", "applied.total_value"]
        ),
        EventExample(
            type: .timeApproved, source: .psa,
            data: #"{"time_entry_id":"TE-1","contract_id":"C-1001","project_id":"PRJ-1","resource":"ana.silva","role":"consultant","#
                + #""work_date":"2026-10-05","hours":7.5,"rate":150,"amount":"1125.00","currency":"USD"}"#,
            required: ["time_entry_id", "contract_id", "project_id", "resource", "role", "work_date", "hours", "rate", "amount",
                       "currency"],
            optional: []
        ),
        EventExample(
            type: .milestoneAccepted, source: .psa,
            data: #"{"milestone_id":"MS-1","contract_id":"C-1001","amount":50000,"currency":"EUR"}"#,
            required: ["milestone_id", "contract_id", "amount", "currency"], optional: []
        ),
        EventExample(
            type: .invoicePosted, source: .erp,
            data: #"{"invoice_id":"INV-1","contract_id":"C-1001","currency":"USD","total":"51125.00","#
                + #""lines":[{"time_entry_id":"TE-1","amount":1125},{"milestone_id":"MS-1","amount":"50000.00"}]}"#,
            required: ["invoice_id", "contract_id", "currency", "total", "lines", "lines[0].amount", "lines[1].amount"],
            optional: ["lines[0].time_entry_id", "lines[1].milestone_id"]
        ),
        EventExample(
            type: .paymentReceived, source: .erp,
            data: #"{"invoice_id":"INV-1","amount":"51125.00","currency":"USD"}"#,
            required: ["invoice_id", "amount", "currency"], optional: []
        ),
        EventExample(
            type: .exceptionRaised, source: .middleware,
            data: #"{"exception_id":"EX-1","kind":"ambiguous_customer_mapping","severity":"high","summary":"Two ERP customers match","#
                + #""amount_at_risk":"12000.00","currency":"USD","failed_event_id":"evt-9","#
                + #""candidates":[{"system":"ERP","key":"CUST-1","name":"Acme Corp","score":0.92}],"#
                + #""subject":{"system":"CRM","key":"ACC-1","name":"Acme"}}"#,
            required: ["exception_id", "kind", "severity", "summary", "currency", "candidates[0].system", "candidates[0].key",
                       "candidates[0].name", "candidates[0].score", "subject.system", "subject.key", "subject.name"],
            optional: ["amount_at_risk", "failed_event_id", "candidates", "subject"]
        ),
        EventExample(
            type: .exceptionClaimed, source: .console,
            data: #"{"exception_id":"EX-1","by":"maria"}"#,
            required: ["exception_id", "by"], optional: []
        ),
        EventExample(
            type: .exceptionReleased, source: .console,
            data: #"{"exception_id":"EX-1","by":"maria"}"#,
            required: ["exception_id", "by"], optional: []
        ),
        EventExample(
            type: .exceptionResolved, source: .console,
            data: #"{"exception_id":"EX-1","by":"maria","resolution":{"mapping":{"source_system":"CRM","source_key":"ACC-1","#
                + #""target_system":"ERP","target_key":"CUST-1"},"note":"confirmed with finance"}}"#,
            required: ["exception_id", "by", "resolution", "resolution.mapping.source_system", "resolution.mapping.source_key",
                       "resolution.mapping.target_system", "resolution.mapping.target_key"],
            optional: ["resolution.mapping", "resolution.note"]
        ),
        EventExample(
            type: .exceptionDismissed, source: .console,
            data: #"{"exception_id":"EX-1","by":"maria","reason":"duplicate of EX-0"}"#,
            required: ["exception_id", "by", "reason"], optional: []
        ),
        EventExample(
            type: .exceptionNoted, source: .console,
            data: #"{"exception_id":"EX-1","by":"maria","note":"waiting on finance"}"#,
            required: ["exception_id", "by", "note"], optional: []
        ),
        EventExample(
            type: .reprocessRequested, source: .console,
            data: #"{"exception_id":"EX-1","request_id":"RQ-1","by":"maria","failed_event_id":"evt-9"}"#,
            required: ["exception_id", "request_id", "by"], optional: ["failed_event_id"]
        ),
        EventExample(
            type: .reprocessApproved, source: .console,
            data: #"{"request_id":"RQ-1","by":"li"}"#,
            required: ["request_id", "by"], optional: []
        ),
        EventExample(
            type: .reprocessCompleted, source: .middleware,
            data: #"{"request_id":"RQ-1","outcome":"succeeded","message":"posted"}"#,
            required: ["request_id", "outcome"], optional: ["message"]
        ),
        EventExample(
            type: .reprocessPolicyChanged, source: .console,
            data: #"{"by":"olga","from":{"approval":"four_eyes"},"#
                + #""to":{"approval":"four_eyes","self_approval_below":"500.00","self_approval_currency":"EUR"}}"#,
            required: ["by", "from", "from.approval", "to", "to.approval"],
            optional: ["to.self_approval_below", "to.self_approval_currency"]
        ),
    ]
}

/// One step of a field path such as `data.rate_card[0].rate`.
enum FieldPathStep: Equatable {
    case key(String)
    case index(Int)

    /// The steps of `path`: `data.rate_card[0].rate` → data, rate_card, 0, rate.
    static func steps(_ path: String) -> [FieldPathStep] {
        var steps: [FieldPathStep] = []
        for component in path.split(separator: ".") {
            let parts = component.split(separator: "[")
            steps.append(.key(String(parts[0])))
            for index in parts.dropFirst() { steps.append(.index(Int(index.dropLast())!)) }
        }
        return steps
    }
}

extension JSONValue {
    /// The value with the member at `path` replaced, or removed when `newValue` is nil.
    func replacing(_ path: String, with newValue: JSONValue?) -> JSONValue {
        replacing(FieldPathStep.steps(path)[...], with: newValue)
    }

    private func replacing(_ steps: ArraySlice<FieldPathStep>, with newValue: JSONValue?) -> JSONValue {
        guard let step = steps.first else { return newValue ?? self }
        switch (self, step) {
        case (.object(var object), .key(let key)):
            object[key] = steps.count == 1 ? newValue : object[key].map { $0.replacing(steps.dropFirst(), with: newValue) }
            return .object(object)
        case (.array(var items), .index(let index)):
            if steps.count == 1, newValue == nil {
                items.remove(at: index)
            } else {
                items[index] = items[index].replacing(steps.dropFirst(), with: newValue)
            }
            return .array(items)
        default:
            return self
        }
    }

    /// Every member path in the value, e.g. `data`, `data.lines`, `data.lines[0].amount` (array elements themselves excluded).
    func memberPaths(prefix: String = "") -> [String] {
        switch self {
        case .object(let object):
            object.members.flatMap { member -> [String] in
                let path = prefix.isEmpty ? member.key : prefix + "." + member.key
                return [path] + member.value.memberPaths(prefix: path)
            }
        case .array(let items):
            items.enumerated().flatMap { $0.element.memberPaths(prefix: prefix + "[\($0.offset)]") }
        default:
            []
        }
    }
}

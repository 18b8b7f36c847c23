import SignalboxCore
import SignalboxStore
import XCTest

/// The contract milestones the activation drill-down shows, whatever order their events arrive in: the earliest
/// approval's time and customer name (a tie takes the later arrival's name), and the earliest successful
/// provisioning (a failed attempt is none, even as the contract's first event).
extension StoreConformanceTests {
    func checkContractMilestonesAreTheEarliestWhateverTheArrivalOrder() async throws {
        let lines = [
            // C-F: a failed attempt is the contract's first event; its approval and its project arrive later.
            Self.attempt("cf-failed", contract: "C-F", succeeded: false, at: "2026-11-03T10:00:00Z"),
            Self.approved("cf-approved", contract: "C-F", customer: "Fennel", at: "2026-11-03T09:00:00Z"),
            Self.attempt("cf-project", contract: "C-F", succeeded: true, at: "2026-11-03T12:00:00Z"),
            // C-T: two approvals at one instant, then a later one.
            Self.approved("ct-1", contract: "C-T", customer: "Tansy (earlier arrival)", at: "2026-11-03T09:00:00Z"),
            Self.approved("ct-2", contract: "C-T", customer: "Tansy (later arrival)", at: "2026-11-03T09:00:00Z"),
            Self.approved("ct-3", contract: "C-T", customer: "Tansy (later approval)", at: "2026-11-03T11:00:00Z"),
            // C-S: projects at 13:00, then 11:00 (earlier, arriving later), then 14:00; an earlier approval last.
            Self.approved("cs-approved", contract: "C-S", customer: "Sorrel", at: "2026-11-03T10:00:00Z"),
            Self.attempt("cs-13", contract: "C-S", succeeded: true, at: "2026-11-03T13:00:00Z"),
            Self.attempt("cs-11", contract: "C-S", succeeded: true, at: "2026-11-03T11:00:00Z"),
            Self.attempt("cs-14", contract: "C-S", succeeded: true, at: "2026-11-03T14:00:00Z"),
            Self.approved("cs-earlier", contract: "C-S", customer: "Sorrel (first approval)", at: "2026-11-03T08:00:00Z"),
        ]
        for batchSize in [1, 100] {
            let path = try directory.write("milestones-\(batchSize).jsonl", lines.joined(separator: "\n") + "\n")
            let store = try await makeStore()
            _ = try await IngestPipeline(batchSize: batchSize).ingest(path: path, into: store)
            let details = try await store.activationDetails(asOf: ts("2026-11-04T00:00:00Z"), window: .days(7),
                                                            request: DetailRequest(limit: 100))
            let pending = Dictionary(uniqueKeysWithValues: details.rows.pending.map { ($0.contractID, $0) })
            let label = "batches of \(batchSize)"
            XCTAssertEqual(pending["C-F"]?.customerName, "Fennel", label)
            XCTAssertEqual(pending["C-F"]?.approvedAt, ts("2026-11-03T09:00:00Z"), label)
            XCTAssertEqual(pending["C-F"]?.provisionedAt, ts("2026-11-03T12:00:00Z"), "the failed attempt is no project: \(label)")
            XCTAssertEqual(pending["C-T"]?.customerName, "Tansy (later arrival)", label)
            XCTAssertEqual(pending["C-T"]?.approvedAt, ts("2026-11-03T09:00:00Z"), label)
            XCTAssertNil(pending["C-T"]?.provisionedAt, label)
            XCTAssertEqual(pending["C-S"]?.customerName, "Sorrel (first approval)", label)
            XCTAssertEqual(pending["C-S"]?.approvedAt, ts("2026-11-03T08:00:00Z"), label)
            XCTAssertEqual(pending["C-S"]?.provisionedAt, ts("2026-11-03T11:00:00Z"), label)
            XCTAssertEqual(details.rows.pending.count, 3, "no billing schedule: none activated (\(label))")
        }
    }

    private static func approved(_ id: String, contract: String, customer: String, at: String) -> String {
        EventLines.envelope(id, "contract.approved", at, source: "CLM", correlation: contract, data: #"{"contract_id":"\#(contract)","customer":{"system":"CRM","key":"A1","name":"\#(customer)"},"legal_entity":"US01","currency":"USD","billing_model":"time_and_materials","total_value":"1000.00","rate_card":[{"role":"Dev","rate":100}],"start_date":"2026-01-01","end_date":"2026-12-31"}"#)
    }

    private static func attempt(_ id: String, contract: String, succeeded: Bool, at: String) -> String {
        succeeded
            ? EventLines.envelope(id, "project.provisioned", at, source: "PSA", correlation: contract,
                                  data: #"{"contract_id":"\#(contract)","project_id":"P-\#(id)"}"#)
            : EventLines.envelope(id, "project.provisioning_failed", at, source: "PSA", correlation: contract,
                                  data: #"{"contract_id":"\#(contract)","attempt":1,"reason_code":"TIMEOUT","message":"m"}"#)
    }
}

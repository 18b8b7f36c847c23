import Foundation
import SignalboxConsole
import SignalboxCore
import SignalboxSQLite
import SignalboxStore
import XCTest

/// Trends sampled again on a real SQLite store, reusing closed buckets, equal trends sampled from scratch — after
/// late (out-of-order) events in closed buckets, new ones in the newest, and duplicates.
final class TrendBucketReuseTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-trends-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testReusedBucketsEqualAFromScratchSamplingAfterLateNewAndDuplicateEvents() async throws {
        let store = try SQLiteStore(path: directory + "/store.sqlite")
        try await ingest(Self.history(), into: store, name: "history")
        let sampler = TrendSampler()
        let firstAsOf = ts("2026-11-10T12:30:00Z")
        let first = try await sampler.sample(store, asOf: firstAsOf, reusing: .empty)

        // A late raise in a closed hour: the hours from then on and the last day are read again, the rest reused.
        let asOf = ts("2026-11-10T13:20:00Z")
        try await ingest([Self.raised("late-raise", exception: "L1", at: ts("2026-11-09T03:10:00Z"))], into: store, name: "late-hour")
        var changes = try await store.signalChanges(since: first.position)
        XCTAssertEqual(changes.earliestChanged, ts("2026-11-09T03:10:00Z"))
        let lateHour: TrendBuckets
        var reads: Int
        (lateHour, reads) = try await sampleCounting(sampler, store, asOf: asOf, reusing: first, changes: changes)
        let lateHourScratch = try await sampler.sample(store, asOf: asOf, reusing: .empty)
        XCTAssertEqual(lateHour.trends, lateHourScratch.trends)
        // Hourly: the buckets ending 04:00 on the 9th to 13:00 on the 10th, and the newest; daily: the one ending on the 10th, and the newest.
        XCTAssertEqual(reads, (34 + 1) + (1 + 1))

        // A late approval a week back, a new failure and raise in the newest hour, a duplicate.
        try await ingest(Self.lateNewAndDuplicate(), into: store, name: "late")
        changes = try await store.signalChanges(since: lateHour.position)
        XCTAssertEqual(changes.earliestChanged, ts("2026-11-02T09:00:00Z"), "the late approval is the earliest new event; the duplicate was not stored")
        let reused: TrendBuckets
        (reused, reads) = try await sampleCounting(sampler, store, asOf: asOf, reusing: lateHour, changes: changes)
        let scratch = try await sampler.sample(store, asOf: asOf, reusing: .empty)
        XCTAssertEqual(reused.trends, scratch.trends)
        XCTAssertEqual(reads, 48 + (8 + 1), "every hour (all after the 2nd), the days ending the 3rd to the 10th, the newest")

        // The late events did change closed buckets: reusing them unchecked would have been wrong.
        let hour = ts("2026-11-09T05:00:00Z"), day = ts("2026-11-05T00:00:00Z")
        XCTAssertNotEqual(value(.exceptions, at: hour, in: first, asOf: firstAsOf), value(.exceptions, at: hour, in: scratch, asOf: asOf))
        XCTAssertNotEqual(value(.unbilled, at: day, in: first, asOf: firstAsOf), value(.unbilled, at: day, in: scratch, asOf: asOf))

        // Nothing written since: one read per plan, the same trends.
        let again: TrendBuckets
        (again, reads) = try await sampleCounting(sampler, store, asOf: asOf, reusing: reused,
                                                  changes: try await store.signalChanges(since: reused.position))
        XCTAssertEqual(reads, 2)
        XCTAssertEqual(again.trends, scratch.trends)
    }

    /// Samples through the store's signals, counting the buckets read.
    private func sampleCounting(_ sampler: TrendSampler, _ store: SQLiteStore, asOf: Timestamp, reusing previous: TrendBuckets,
                                changes: SignalChanges) async throws -> (TrendBuckets, Int) {
        var reads = 0
        let buckets = try await sampler.sample(asOf: asOf, reusing: previous, changes: changes) { instant, window, sections throws(StoreError) in
            reads += 1
            return try await store.signals(asOf: instant, window: window, sections: sections)
        }
        return (buckets, reads)
    }

    private func value(_ kind: SignalKind, at instant: Timestamp, in buckets: TrendBuckets, asOf: Timestamp) -> Int64?? {
        let plan = kind == .exceptions ? TrendSampler.hourly : TrendSampler.daily
        guard let index = plan.instants(endingAt: asOf).firstIndex(of: instant) else { return .none }
        return buckets.trends[kind]?.values[index]
    }

    private func ingest(_ lines: [String], into store: SQLiteStore, name: String) async throws {
        let path = directory + "/\(name).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try await IngestPipeline(batchSize: 7).ingest(path: path, into: store)
        XCTAssertEqual(outcome.summary.rejected, 0, "\(outcome.sampleRejections)")
    }

    /// Three days of hourly exceptions (every third resolved two hours later), provisioning, and a month of daily time.
    private static func history() -> [String] {
        var lines: [String] = []
        for index in 0..<60 {
            let raisedAt = ts("2026-11-08T00:30:00Z").adding(.seconds(3600 * Int64(index)))
            lines.append(raised("r\(index)", exception: "X\(index)", at: raisedAt))
            if index % 3 == 0 { lines.append(resolved("c\(index)", exception: "X\(index)", at: raisedAt.adding(.seconds(7200)))) }
            let type = index % 4 == 0 ? "project.provisioning_failed" : "project.provisioned"
            let data = index % 4 == 0 ? #"{"contract_id":"C-\#(index)","attempt":1,"reason_code":"TIMEOUT","message":"m"}"#
                : #"{"contract_id":"C-\#(index)","project_id":"P-\#(index)"}"#
            lines.append(envelope("p\(index)", type, raisedAt.adding(.seconds(600)), source: "PSA", data: data))
        }
        for day in 0..<22 {
            lines.append(timeApproved("t\(day)", entry: "T\(day)", hours: "\(day % 5 + 1)", at: ts("2026-10-20T09:00:00Z").adding(.days(Int64(day)))))
        }
        return lines
    }

    /// Late events in closed buckets, new ones in the newest, and a duplicate of an earlier line.
    private static func lateNewAndDuplicate() -> [String] {
        [
            timeApproved("late-time", entry: "TL", hours: "10", at: ts("2026-11-02T09:00:00Z")),
            envelope("new-fail", "project.provisioning_failed", ts("2026-11-10T12:45:00Z"), source: "PSA",
                     data: #"{"contract_id":"C-N","attempt":1,"reason_code":"TIMEOUT","message":"m"}"#),
            raised("new-raise", exception: "N1", at: ts("2026-11-10T13:05:00Z")),
            resolved("c0", exception: "X0", at: ts("2026-11-08T02:30:00Z")),
        ]
    }

    private static func envelope(_ id: String, _ type: String, _ at: Timestamp, source: String = "MIDDLEWARE", data: String) -> String {
        #"{"event_id":"\#(id)","type":"\#(type)","occurred_at":"\#(at.rfc3339)","source":"\#(source)","correlation_id":"C-1","data":\#(data)}"#
    }

    private static func raised(_ id: String, exception: String, at: Timestamp) -> String {
        envelope(id, "exception.raised", at, data: #"{"exception_id":"\#(exception)","kind":"posting_failed","severity":"high","summary":"s"}"#)
    }

    private static func resolved(_ id: String, exception: String, at: Timestamp) -> String {
        envelope(id, "exception.resolved", at, data: #"{"exception_id":"\#(exception)","by":"alice","resolution":{"note":"ok"}}"#)
    }

    private static func timeApproved(_ id: String, entry: String, hours: String, at: Timestamp) -> String {
        envelope(id, "time.approved", at, source: "PSA",
                 data: #"{"time_entry_id":"\#(entry)","contract_id":"C-1","project_id":"P-1","resource":"r","role":"Dev","work_date":"2026-10-20","hours":\#(hours),"rate":100,"amount":\#(hours)00,"currency":"USD"}"#)
    }
}

private func ts(_ text: String) -> Timestamp {
    guard let value = try? Timestamp(rfc3339: text) else { preconditionFailure("bad test timestamp \(text)") }
    return value
}

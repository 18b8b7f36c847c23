import Foundation
import XCTest

/// `/metrics` read by a real Prometheus text parser (prometheus_client, Debian's python3-prometheus-client) and
/// compared with `signalbox signals --json` at the same as-of.
final class ServeMetricsTests: XCTestCase {
    var directory: URL!
    let runner = CommandRunner()

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("signalbox-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    /// Samples by `name{label="value",…}` (labels sorted; NaN as nil), and `#type NAME` / `#help NAME` per family.
    static func parse(_ exposition: String) throws -> [String: Any] {
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(sys.stdin.read()):
                out["#type " + family.name] = family.type
                out["#help " + family.name] = family.documentation
                for s in family.samples:
                    key = s.name + "{" + ",".join('%s="%s"' % (k, v) for k, v in sorted(s.labels.items())) + "}"
                    out[key] = None if s.value != s.value else s.value
            print(json.dumps(out))
            """
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        probe.arguments = ["-c", "import prometheus_client"]
        probe.standardError = FileHandle.nullDevice
        if (try? probe.run()) == nil || { probe.waitUntilExit(); return probe.terminationStatus != 0 }() {
            let message = "needs /usr/bin/python3 with prometheus_client (apt-get install python3-prometheus-client)"
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message) }
            throw XCTSkip(message)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script]
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(exposition.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, problem)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any], problem)
    }

    /// The samples `signals --json` says `/metrics` must hold (nil for JSON null).
    static func expectedSamples(_ signals: [String: Any]) throws -> [String: Double?] {
        func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
        let activation = try XCTUnwrap(signals["activation_latency"] as? [String: Any])
        let provisioning = try XCTUnwrap(signals["provisioning"] as? [String: Any])
        let amendments = try XCTUnwrap(signals["amendment_accuracy"] as? [String: Any])
        let exceptions = try XCTUnwrap(signals["exceptions"] as? [String: Any])
        var expected: [String: Double?] = [
            "signalbox_signals_window_seconds{}": number(signals["window_seconds"]),
            "signalbox_activation_latency_seconds{quantile=\"0.5\"}": number(activation["p50_seconds"]),
            "signalbox_activation_latency_seconds{quantile=\"0.9\"}": number(activation["p90_seconds"]),
            "signalbox_activation_latency_max_seconds{}": number(activation["max_seconds"]),
            "signalbox_activation_activated{}": number(activation["count"]),
            "signalbox_activation_pending{}": number(activation["pending"]),
            "signalbox_activation_oldest_pending_seconds{}": number(activation["oldest_pending_seconds"]),
            "signalbox_provisioning_attempts{}": number(provisioning["attempts"]),
            "signalbox_provisioning_succeeded{}": number(provisioning["succeeded"]),
            "signalbox_provisioning_failed{}": number(provisioning["failed"]),
            "signalbox_provisioning_success_ratio{}": number(provisioning["success_rate"]),
            "signalbox_provisioning_first_pass_ratio{}": number(provisioning["first_pass_rate"]),
            "signalbox_amendment_accuracy_ratio{}": number(amendments["accuracy"]),
            "signalbox_exceptions_oldest_open_seconds{}": number(exceptions["oldest_open_seconds"]),
            "signalbox_exceptions_raised_in_window{}": number(exceptions["raised_in_window"]),
            "signalbox_exceptions_closed_in_window{}": number(exceptions["closed_in_window"]),
        ]
        for status in ["accurate", "mismatched", "pending"] {
            expected["signalbox_amendments{status=\"\(status)\"}"] = number(amendments[status])
        }
        for (kind, count) in try XCTUnwrap(exceptions["open_by_kind"] as? [String: Any]) {
            expected["signalbox_exceptions_open{kind=\"\(kind)\"}"] = number(count)
        }
        for (currency, value) in try XCTUnwrap(signals["unbilled_time"] as? [String: [String: Any]]) {
            for (bucket, totals) in try XCTUnwrap(value["buckets"] as? [String: [String: Any]]) {
                let labels = "{bucket=\"\(bucket)\",currency=\"\(currency)\"}"
                expected["signalbox_unbilled_amount" + labels] = number(totals["amount"])
                expected["signalbox_unbilled_hours" + labels] = number(totals["hours"])
                expected["signalbox_unbilled_entries" + labels] = number(totals["entries"])
            }
        }
        try expectV2Samples(signals, into: &expected)
        try expectReconciliationSamples(signals, into: &expected)
        return expected
    }

    /// Signals v2 (§6–9): durations as quantile gauges, counts, receivables and throughput by their labels.
    static func expectV2Samples(_ signals: [String: Any], into expected: inout [String: Double?]) throws {
        func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
        func durations(_ name: String, _ summary: [String: Any]) {
            expected["\(name)_seconds{quantile=\"0.5\"}"] = number(summary["p50_seconds"])
            expected["\(name)_seconds{quantile=\"0.9\"}"] = number(summary["p90_seconds"])
            expected["\(name)_max_seconds{}"] = number(summary["max_seconds"])
        }
        let timeToInvoice = try XCTUnwrap(signals["time_to_invoice"] as? [String: Any])
        durations("signalbox_time_to_invoice", timeToInvoice)
        expected["signalbox_time_to_invoice_entries{}"] = number(timeToInvoice["count"])
        let resolution = try XCTUnwrap(signals["resolution_time"] as? [String: Any])
        durations("signalbox_resolution", resolution)
        expected["signalbox_resolution_closed{outcome=\"resolved\"}"] = number(resolution["resolved"])
        expected["signalbox_resolution_closed{outcome=\"dismissed\"}"] = number(resolution["dismissed"])
        XCTAssertEqual(number(resolution["count"]), (number(resolution["resolved"]) ?? 0) + (number(resolution["dismissed"]) ?? 0))
        for (kind, summary) in try XCTUnwrap(resolution["by_kind"] as? [String: [String: Any]]) {
            expected["signalbox_resolution_by_kind_seconds{kind=\"\(kind)\",quantile=\"0.5\"}"] = number(summary["p50_seconds"])
            expected["signalbox_resolution_by_kind_seconds{kind=\"\(kind)\",quantile=\"0.9\"}"] = number(summary["p90_seconds"])
            expected["signalbox_resolution_by_kind_closed{kind=\"\(kind)\"}"] = number(summary["count"])
        }
        let invoiceToCash = try XCTUnwrap(signals["invoice_to_cash"] as? [String: Any])
        durations("signalbox_invoice_to_cash", invoiceToCash)
        expected["signalbox_invoice_to_cash_paid{}"] = number(invoiceToCash["count"])
        for (currency, owed) in try XCTUnwrap(invoiceToCash["outstanding"] as? [String: [String: Any]]) {
            expected["signalbox_receivables_outstanding_amount{currency=\"\(currency)\"}"] = number(owed["amount"])
            expected["signalbox_receivables_outstanding_invoices{currency=\"\(currency)\"}"] = number(owed["invoices"])
        }
        let throughput = try XCTUnwrap(signals["throughput"] as? [String: Any])
        let bySource = try XCTUnwrap(throughput["by_source"] as? [String: Any])
        for (source, count) in bySource { expected["signalbox_throughput_events{source=\"\(source)\"}"] = number(count) }
        XCTAssertEqual(number(throughput["events"]), bySource.values.compactMap(number).reduce(0, +))
    }

    /// §10: each control's money by currency and direction, its counts, rate leakage's hours and unbilled milestones
    /// by age bucket.
    static func expectReconciliationSamples(_ signals: [String: Any], into expected: inout [String: Double?]) throws {
        func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
        let controls = try XCTUnwrap(signals["reconciliation"] as? [String: [String: [String: Any]]])
        // Per control: the JSON's amount keys by direction label, and its count keys.
        let layout: [String: (amounts: [String: String], counts: [String])] = [
            "rate_leakage": (["under_amount": "under", "over_amount": "over"], ["entries", "unpriced"]),
            "billing_mismatch": (["under_amount": "under", "over_amount": "over", "unapproved_amount": "unapproved"], ["lines", "unapproved_lines"]),
            "double_billed": (["amount": "over"], ["entries"]),
            "unbilled_milestones": (["amount": "under"], ["milestones"]),
            "over_contract_value": (["excess": "over"], ["contracts"]),
        ]
        XCTAssertEqual(Set(controls.keys), Set(layout.keys))
        for (control, currencies) in controls {
            let keys = try XCTUnwrap(layout[control])
            for (currency, figures) in currencies {
                for (key, direction) in keys.amounts {
                    expected["signalbox_reconciliation_amount{control=\"\(control)\",currency=\"\(currency)\",direction=\"\(direction)\"}"] = number(figures[key])
                }
                for key in keys.counts {
                    expected["signalbox_reconciliation_items{control=\"\(control)\",currency=\"\(currency)\",what=\"\(key)\"}"] = number(figures[key])
                }
                if control == "rate_leakage" { expected["signalbox_reconciliation_hours{currency=\"\(currency)\"}"] = number(figures["hours"]) }
                for (bucket, totals) in (control == "unbilled_milestones" ? try XCTUnwrap(figures["buckets"] as? [String: [String: Any]]) : [:]) {
                    let labels = "{bucket=\"\(bucket)\",currency=\"\(currency)\"}"
                    expected["signalbox_reconciliation_unbilled_milestones_amount" + labels] = number(totals["amount"])
                    expected["signalbox_reconciliation_unbilled_milestones" + labels] = number(totals["milestones"])
                }
            }
        }
    }

    /// Compares a parsed `/metrics` with `signals --json` run on `store` at the as-of the metrics name.
    static func assertMetricsEqualSignals(_ metrics: [String: Any], store: String, window: String, runner: CommandRunner,
                                          file: StaticString = #filePath, line: UInt = #line) throws {
        let asOfSeconds = try XCTUnwrap(metrics["signalbox_signals_as_of_timestamp_seconds{}"] as? Double, file: file, line: line)
        let formatter = ISO8601DateFormatter()
        let asOf = formatter.string(from: Date(timeIntervalSince1970: asOfSeconds))
        let result = try runner.run(["signals", "--json", "--as-of", asOf, "--window", window, "--store", store])
        XCTAssertEqual(result.status, 0, result.standardError, file: file, line: line)
        let signals = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        XCTAssertEqual(signals["as_of"] as? String, asOf, file: file, line: line)
        let expected = try expectedSamples(signals)
        XCTAssertGreaterThan(expected.count, 30, file: file, line: line)
        for (key, value) in expected {
            XCTAssertTrue(metrics.keys.contains(key), "\(key) missing from /metrics", file: file, line: line)
            XCTAssertEqual(metrics[key] as? Double, value, key, file: file, line: line)
        }
        let signalSamples = metrics.keys.filter { !$0.hasPrefix("#") && !$0.hasPrefix("signalbox_signals_") && !$0.hasPrefix("signalbox_http_")
            && !$0.hasPrefix("signalbox_ingest_") }
        XCTAssertEqual(Set(signalSamples), Set(expected.keys).subtracting(["signalbox_signals_window_seconds{}"]),
                       "no sample that signals --json does not have", file: file, line: line)
        for key in metrics.keys where key.hasPrefix("#help ") {
            XCTAssertFalse((metrics[key] as? String ?? "").isEmpty, "\(key) has help text", file: file, line: line)
        }
    }

    func testMetricsEqualSignalsJSONAndAreComputedOncePerStoreChange() throws {
        let store = directory.appendingPathComponent("store.sqlite").path
        // The demo data and a case of every reconciliation control, so §10 has samples to compare.
        let lines = try ServeCommandTests.demoLines() + ReconciliationEvents.lines
        try (lines.joined(separator: "\n") + "\n").write(to: directory.appendingPathComponent("events.jsonl"), atomically: true, encoding: .utf8)
        _ = try runner.run(["ingest", "--store", store, directory.appendingPathComponent("events.jsonl").path])
        let server = try ServeProcess(store: store, directory: directory, tokens: ["psa": ["PSA"]], arguments: ["--window", "120d"])

        let first = try server.http.request("GET", "/metrics")
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8")
        let metrics = try Self.parse(first.text)
        XCTAssertEqual(metrics["#type signalbox_unbilled_amount"] as? String, "gauge")
        XCTAssertEqual(metrics["#type signalbox_ingest_events"] as? String, "counter")
        try Self.assertMetricsEqualSignals(metrics, store: store, window: "120d", runner: runner)
        XCTAssertTrue(metrics.keys.contains { $0.hasPrefix("signalbox_reconciliation_amount{control=\"double_billed\"") }, "§10 has samples")

        let again = try Self.parse(try server.http.request("GET", "/metrics").text)
        XCTAssertEqual(again["signalbox_signals_computations_total{}"] as? Double, 1, "a second scrape of an unchanged store computes nothing")
        XCTAssertEqual(again["#type signalbox_http_request_duration_seconds"] as? String, "histogram")
        XCTAssertEqual(again["signalbox_http_request_duration_seconds_count{method=\"GET\",route=\"/metrics\",status=\"200\"}"] as? Double, 1)
        XCTAssertEqual(again["signalbox_signals_as_of_timestamp_seconds{}"] as? Double, metrics["signalbox_signals_as_of_timestamp_seconds{}"] as? Double)

        let time = #"{"event_id":"t-new","type":"time.approved","occurred_at":"2026-11-20T09:00:00Z","source":"PSA","correlation_id":"CTR-0000001","data":{"time_entry_id":"TE-NEW","contract_id":"CTR-0000001","project_id":"P-1","resource":"r","role":"Dev","work_date":"2026-11-19","hours":"3","rate":"100","amount":"300","currency":"CHF"}}"#
        XCTAssertEqual(try server.post([time], token: "psa").status, 200)
        let changed = try Self.parse(try server.http.request("GET", "/metrics").text)
        XCTAssertEqual(changed["signalbox_signals_computations_total{}"] as? Double, 2, "the ingest changed the store")
        XCTAssertEqual(changed["signalbox_ingest_events_total{result=\"accepted\"}"] as? Double, 1)
        try Self.assertMetricsEqualSignals(changed, store: store, window: "120d", runner: runner)
        XCTAssertEqual(changed["signalbox_unbilled_amount{bucket=\"8-30\",currency=\"CHF\"}"] as? Double, 300)
        XCTAssertEqual(try server.terminate(), 0)
    }
}

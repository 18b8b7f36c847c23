import Prometheus
import SignalboxStore

/// The service's own metrics (ingest counts, request durations, signal computations), kept in a swift-prometheus
/// registry and written after the golden signals on `/metrics`.
struct ServiceMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let accepted: Counter, duplicates: Counter, rejected: Counter
    private let computations: Counter
    private let inFlight: Gauge

    /// Request-duration buckets, in seconds: 1 ms to 10 s.
    static let durationBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
    ]

    private static var ingested: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "signalbox", metricName: "ingest_events", unitName: "total",
        helpText: "Event lines received over HTTP, by result: accepted (stored), duplicate (event_id already stored), rejected (kept as a rejected line).")
    }
    private static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "signalbox", subsystem: "http", metricName: "request_duration", unitName: "seconds",
        helpText: "Time from a request's head to its response, by method, route and status.")
    }
    private static var computed: MetricNameDescriptor {
        MetricNameDescriptor(
        namespace: "signalbox", metricName: "signals_computations", unitName: "total",
        helpText: "Times the golden signals were computed for /metrics (once per store change, or when the last is too old).")
    }

    init() {
        accepted = registry.makeCounter(descriptor: Self.ingested, labels: [("result", "accepted")])
        duplicates = registry.makeCounter(descriptor: Self.ingested, labels: [("result", "duplicate")])
        rejected = registry.makeCounter(descriptor: Self.ingested, labels: [("result", "rejected")])
        computations = registry.makeCounter(descriptor: Self.computed)
        inFlight = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "signalbox", subsystem: "http", metricName: "requests_in_flight", unitName: "",
            helpText: "Requests whose head has arrived and whose response is not yet written (SIGTERM waits for them)."))
    }

    /// A request's head arrived.
    func requestStarted() { inFlight.increment() }

    /// A request was answered (or failed).
    func requestFinished() { inFlight.decrement() }

    func count(_ summary: IngestSummary) {
        accepted.increment(by: Int64(summary.accepted))
        duplicates.increment(by: Int64(summary.duplicates))
        rejected.increment(by: Int64(summary.rejected))
    }

    func countComputation() { computations.increment() }

    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeDurationHistogram(descriptor: Self.duration,
                                       labels: [("method", method), ("route", route), ("status", String(status))],
                                       buckets: Self.durationBuckets)
            .record(duration)
    }

    /// The exposition text of these metrics.
    var exposition: String { registry.emitToString() }
}

/// Signal 9, throughput by source (golden-signals.md §9).
enum ThroughputReference {
    static func compute(_ log: ReferenceLog) -> Throughput {
        var bySource: [String: Int] = [:]
        for stamp in log.stamps where log.inWindow(stamp.occurredAt) { bySource[stamp.source, default: 0] += 1 }
        return Throughput(bySource: bySource)
    }
}

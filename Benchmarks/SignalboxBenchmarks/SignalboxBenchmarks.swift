import Benchmark
import Foundation
import SignalboxCore
import SignalboxSQLite
import SignalboxStore

/// The store's speed targets: `signals` on a 1M-event store (≤ 50 ms median) and ingest (≥ 100,000 events/s).
/// `run.sh` prepares the inputs and passes their paths in the environment.
let benchmarks: @Sendable () -> Void = {
    let environment = ProcessInfo.processInfo.environment
    let directory = environment["SIGNALBOX_BENCH_DIR"] ?? "/tmp/signalbox-bench"
    let storePath = directory + "/1m.sqlite"
    let sampleEvents = directory + "/events-100k.jsonl"
    let asOf = try! Timestamp(rfc3339: environment["SIGNALBOX_BENCH_AS_OF"] ?? "2026-11-23T00:00:00Z")

    // The console keeps its store open and refreshes: one open store, warm, as in process.
    let openStore = try! SQLiteStore(path: storePath, readOnly: true)
    Benchmark("signals, SQLite, 1M events (open store)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 200)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await openStore.signals(asOf: asOf, window: .days(7)))
        }
    }

    // Issue 16's figure: the v1 + v2 sections (1–9), in process, as the console's dashboard reads them.
    Benchmark("signals v1 + v2 sections, SQLite, 1M events (open store)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 200)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await openStore.signals(asOf: asOf, window: .days(7), sections: [.v1, .v2]))
        }
    }

    // Where that time goes: each of the nine sections alone, on the same open store.
    for (key, section) in SignalSections.keyed where SignalSections([.v1, .v2]).contains(section) {
        Benchmark("signals section \(key), SQLite, 1M events (open store)",
                  configuration: .init(metrics: [.wallClock, .cpuTotal], maxDuration: .seconds(5), maxIterations: 100)) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try await openStore.signals(asOf: asOf, window: .days(7), sections: section))
            }
        }
    }

    // The same on a store opened for each sample: SQLite's page cache starts cold (the operating system's is warm).
    Benchmark("signals v1 + v2 sections, SQLite, 1M events (store opened per run)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 200)) { benchmark in
        let store = try SQLiteStore(path: storePath, readOnly: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await store.signals(asOf: asOf, window: .days(7), sections: [.v1, .v2]))
        }
    }

    // A one-shot command: open, read with a cold cache, close.
    Benchmark("signals, SQLite, 1M events (store opened per run)",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 200)) { benchmark in
        let store = try SQLiteStore(path: storePath, readOnly: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await store.signals(asOf: asOf, window: .days(7)))
        }
    }

    // Decoding alone (parse + validate), the CPU that ingest spends per line besides the writer.
    let sampleLines = (try? Data(contentsOf: URL(fileURLWithPath: sampleEvents)))
        .map { $0.split(separator: UInt8(ascii: "\n")).map { Array($0) } } ?? []
    Benchmark("decode 100k lines (JSONParser + CanonicalEvent)",
              configuration: .init(metrics: [.cpuTotal, .wallClock, .mallocCountTotal], maxDuration: .seconds(20), maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            for line in sampleLines {
                blackHole(try CanonicalEvent(json: try JSONParser.parse(line)))
            }
        }
    }

    Benchmark("ingest 100k events, SQLite (new store each run)",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(60), maxIterations: 5)) { benchmark in
        let path = directory + "/ingest-\(UUID().uuidString).sqlite"
        defer { for file in SQLiteStore.files(at: path) { try? FileManager.default.removeItem(atPath: file) } }
        let store = try SQLiteStore(path: path)
        benchmark.startMeasurement()
        let outcome = try await IngestPipeline().ingest(path: sampleEvents, into: store)
        benchmark.stopMeasurement()
        blackHole(outcome)
    }
}

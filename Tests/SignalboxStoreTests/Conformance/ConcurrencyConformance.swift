import SignalboxCore
import SignalboxStore
import XCTest

/// Consoles acting on the same exceptions at once, each through its own connection.
extension StoreConformanceTests {
    func checkConcurrentConsolesLoseNoUpdateAndAuditEachActionOnce() async throws {
        let exceptions = ["X-1", "X-2", "X-3"]
        let store = try await storeWithExceptions(exceptions)
        var consoles: [any EventStore] = []
        for index in 0..<4 { consoles.append(try await anotherHandle(on: store, actingAs: "user\(index)")) }
        let rounds = 60
        let start = minutes(1)

        // Each console writes notes on a rotating exception, reading the version first as a screen would;
        // a conflict (someone wrote meanwhile) is retried on a fresh read.
        let written = try await withThrowingTaskGroup(of: [String].self) { group in
            for (index, console) in consoles.enumerated() {
                group.addTask {
                    var notes: [String] = []
                    for round in 0..<rounds {
                        let id = exceptions[(index + round) % exceptions.count]
                        let text = "console \(index) round \(round)"
                        while true {
                            let seen = try await unwrap(try await console.exceptionRecord(id: id)).version
                            do {
                                let events = try await console.perform(.note(text), on: id, seenVersion: seen,
                                                                       by: "user\(index)", now: start)
                                XCTAssertEqual(events.count, 1)
                                notes.append(id + ": " + text)
                                break
                            } catch let error as StoreError {
                                guard case .conflict = error else { throw error }
                            }
                        }
                    }
                    return notes
                }
            }
            var all: [String] = []
            for try await notes in group { all += notes }
            return all
        }

        var stored: [String] = []
        for id in exceptions {
            let record = try await unwrap(try await store.exceptionRecord(id: id))
            stored += record.notes.map { id + ": " + $0.text }
            let row = try await store.exceptionRows(ExceptionQuery(), now: start).first { $0.exceptionID == id }
            XCTAssertEqual(row?.version, record.version, "the queue row follows the log")
        }
        XCTAssertEqual(stored.sorted(), written.sorted(), "every accepted note is kept, none twice")
        XCTAssertEqual(Set(stored).count, consoles.count * rounds, "each console's every round is stored once")
        let trail = try await store.auditTrail(since: nil).filter { $0.event.source == .console }
        XCTAssertEqual(trail.count, written.count, "each action audited exactly once")
        try await assertEqual(try await store.verifyAudit().findings, [])
    }
}

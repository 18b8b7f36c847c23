import SignalboxCore
import SignalboxSimulation
import XCTest

final class DeterminismTests: XCTestCase {
    private func lines(seed: UInt64) throws -> [String] {
        let configuration = try GeneratorConfiguration(seed: seed, contracts: 40, from: CivilDate(iso: "2026-09-01")!,
                                                       to: CivilDate(iso: "2026-10-15")!)
        return EventGenerator(configuration: configuration).map(\.jsonLine)
    }

    func testSameSeedGivesIdenticalLines() throws {
        let first = try lines(seed: 99)
        XCTAssertGreaterThan(first.count, 300)
        XCTAssertEqual(first, try lines(seed: 99))
    }

    func testDifferentSeedGivesDifferentLines() throws {
        XCTAssertNotEqual(try lines(seed: 99), try lines(seed: 100))
    }

    func testRandomStreamIsFixedForASeed() {
        var random = SimulationRandom(seed: 1)
        let firsts = (0..<3).map { _ in random.next() }
        var again = SimulationRandom(seed: 1)
        XCTAssertEqual(firsts, (0..<3).map { _ in again.next() })
        var other = SimulationRandom(seed: 1, stream: 2)
        XCTAssertNotEqual(firsts[0], other.next())
    }

    func testRandomIntegersStayInRange() {
        var random = SimulationRandom(seed: 5)
        let rolls = (0..<10_000).map { _ in random.int(in: -3...3) }
        XCTAssertEqual(Set(rolls), Set(-3...3))
    }

    func testConfigurationRejectsBadInput() {
        let day = CivilDate(iso: "2026-09-01")!
        XCTAssertThrowsError(try GeneratorConfiguration(seed: 1, contracts: 0, from: day, to: day)) { error in
            XCTAssertEqual(error as? GeneratorConfigurationError, .invalidContractCount(0))
        }
        XCTAssertThrowsError(try GeneratorConfiguration(seed: 1, contracts: 5, from: day, to: CivilDate(iso: "2026-08-31")!)) { error in
            XCTAssertEqual("\(error)", "--from (2026-09-01) must not be after --to (2026-08-31)")
        }
    }
}

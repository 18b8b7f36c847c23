import SignalboxConsole
import SignalboxCore
import SignalboxStore
import SignalboxTerminal
import XCTest

/// The document of published figures: what a console reads back is what the publisher computed, to the unit; figures
/// a stopped publisher left behind are not shown.
final class PublishedFiguresTests: XCTestCase {
    private let asOf = ConsoleFixtures.asOf

    private func figures(flowAt flow: Timestamp, reconciliationAt reconciliation: Timestamp,
                         trendsAt trends: Timestamp?) -> PublishedFigures {
        var figures = PublishedFigures(window: .days(7))
        var signals = ConsoleFixtures.signals
        signals.asOf = flow
        figures.groups[.front] = signals.selecting(SignalReadGroup.front.sections)
        figures.groups[.back] = signals.selecting(SignalReadGroup.back.sections)
        signals.asOf = reconciliation
        // An amount beyond 64 bits of 10⁻⁸ units, and one with eight decimals: both come back whole.
        signals.reconciliation.rateLeakage["JPY"] = RateLeakage()
        signals.reconciliation.rateLeakage["JPY"]?.overAmount = ExactProduct(units: Int128(Int64.max) * 1_000 + 7)
        signals.reconciliation.rateLeakage["JPY"]?.underAmount = ExactProduct(units: 12_345_678_901)
        figures.groups[.reconciliation] = signals.selecting(SignalReadGroup.reconciliation.sections)
        if let trends {
            figures.trends = [.exceptions: TrendSeries(values: [3, nil, 5], periodLabel: "48h hourly", unit: .count)]
            figures.trendsAsOf = trends
        }
        return figures
    }

    func testEveryFigureComesBackExactly() throws {
        let published = figures(flowAt: asOf, reconciliationAt: asOf.subtracting(.seconds(9)), trendsAt: asOf)
        let read = try PublishedFigures(decoding: try published.publication())
        XCTAssertEqual(read, published)
        XCTAssertEqual(read.groups[.reconciliation]?.reconciliation.rateLeakage["JPY"]?.overAmount.units,
                       Int128(Int64.max) * 1_000 + 7)
        let shown = try XCTUnwrap(read.signals(.all, at: asOf.adding(.seconds(1))))
        var expected = ConsoleFixtures.signals
        expected.reconciliation = published.groups[.reconciliation]!.reconciliation
        XCTAssertEqual(shown.signals, expected, "both groups merged, as of the newer")
        XCTAssertEqual(shown.oldest, asOf.subtracting(.seconds(9)), "the age counts from the older group")
    }

    func testFiguresAStoppedPublisherLeftAreNotShown() {
        let published = figures(flowAt: asOf, reconciliationAt: asOf.subtracting(.seconds(30)), trendsAt: asOf.subtracting(.seconds(300)))
        let beforeStale = asOf.subtracting(.seconds(30)).adding(PublishedFigures.maximumAge).subtracting(.seconds(1))
        XCTAssertNotNil(published.signals(.all, at: beforeStale))
        XCTAssertNil(published.signals(.all, at: beforeStale.adding(.seconds(1))), "§10 is too old")
        XCTAssertNotNil(published.signals(SignalReadGroup.sections(of: [.front, .back]), at: beforeStale.adding(.seconds(1))), "sections 1–9 alone are not")
        XCTAssertEqual(published.trends(at: asOf)?[.exceptions]?.values, [3, nil, 5],
                       "trends paced by their cost are shown while the publisher is alive")
        XCTAssertNil(published.trends(at: asOf.adding(PublishedFigures.maximumAge)), "not once it stopped")
        XCTAssertNil(figures(flowAt: asOf, reconciliationAt: asOf, trendsAt: nil).trends(at: asOf), "nothing sampled yet")
    }

    func testADocumentOfAnotherFormatOrWindowIsRefused() throws {
        var other = figures(flowAt: asOf, reconciliationAt: asOf, trendsAt: asOf)
        other.format = PublishedFigures.currentFormat + 1
        XCTAssertThrowsError(try PublishedFigures(decoding: try other.publication())) { error in
            XCTAssertEqual(error as? PublicationError, .otherFormat(PublishedFigures.currentFormat + 1))
        }
        var moved = try figures(flowAt: asOf, reconciliationAt: asOf, trendsAt: asOf).publication()
        moved.window = .days(30)
        XCTAssertThrowsError(try PublishedFigures(decoding: moved))
        XCTAssertThrowsError(try PublishedFigures(decoding: SignalPublication(window: .days(7), document: "{\"format\": 1}")))
    }

    /// A wall says where its figures come from: the publisher's, or its own as they are refreshed.
    func testTheStatusBarSaysWhenTheFiguresArePublished() {
        var state = ConsoleFixtures.loadedState(wall: true)
        func statusLine() -> String {
            let lines = ConsoleView.render(state, size: Size(width: 80, height: 24), theme: .builtInDefault, lineSet: .unicode).lines()
            return lines.first { $0.contains("│ age ") } ?? lines.joined(separator: "\n")
        }
        XCTAssertTrue(statusLine().contains("│ live 2s"), statusLine())
        state = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals, token: 8, at: asOf, notYetIn: 0, published: true)).0
        XCTAssertTrue(statusLine().hasSuffix("│ published"), statusLine())
        state = ConsoleUpdate.update(state, .signalsLoaded(ConsoleFixtures.signals, token: 9, at: asOf, notYetIn: 0)).0
        XCTAssertTrue(statusLine().contains("│ live 2s"), statusLine())
    }
}

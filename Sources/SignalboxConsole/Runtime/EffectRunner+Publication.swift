import SignalboxCore
import SignalboxStore

/// A live console on a store with a publisher (`signalbox publish`) shows the published figures instead of computing
/// the same ones again; it computes its own when none are published over its window, when they are older than
/// ``PublishedFigures/maximumAge`` (the publisher stopped), or at a fixed `--as-of`.
extension EffectRunner {
    /// `signalsLoaded` from the publication, or nil when the console computes its own. The figures' age counts from
    /// the oldest group's as-of, so a wall shows how old the published figures are, not when it read them.
    func publishedSignals(_ sections: SignalSections, token: Int64) async -> ConsoleMessage? {
        guard let figures = await publishedFigures(),
              let (signals, oldest) = figures.signals(sections, at: dataClock()) else { return nil }
        let storeIsEmpty: Bool
        do throws(StoreError) {
            storeIsEmpty = try await !store.hasEvents()
        } catch {
            return nil
        }
        let readAt = clock().subtracting(max(dataClock().since(oldest), .zero))
        logger.debug("published signals as of \(signals.asOf.rfc3339), token \(token)")
        return .signalsLoaded(signals, token: token, at: readAt, notYetIn: 0, storeIsEmpty: storeIsEmpty,
                              storeName: store.displayName, costs: [:], published: true)
    }

    /// `trendsLoaded` from the publication, or nil when the console samples its own.
    func publishedTrends() async -> ConsoleMessage? {
        guard let trends = await publishedFigures()?.trends(at: dataClock()) else { return nil }
        return .trendsLoaded(trends, buckets: TrendBuckets(position: nil, values: [:], trends: trends), cost: .zero)
    }

    /// The publication over the console's window, when the console is live and one can be read.
    private func publishedFigures() async -> PublishedFigures? {
        guard settings.fixedAsOf == nil else { return nil }
        do {
            guard let publication = try await store.signalPublication(window: settings.window) else { return nil }
            return try PublishedFigures(decoding: publication)
        } catch {
            logger.warning("published figures not used: \(error)")
            return nil
        }
    }
}

import Foundation
import SignalboxCore
import SignalboxStore

/// The figures `signalbox publish` computes once for every console of a store (``SignalPublisher``): each read
/// group's signals as of its own read, and the trends. They travel as the JSON text of a ``SignalPublication``,
/// every exact value as its integer units, so a console shows what the publisher computed, digit for digit.
///
/// ```swift
/// let figures = try PublishedFigures(decoding: publication)
/// figures.signals(.all, at: now)   // nil when a group is missing or older than maximumAge
/// ```
public struct PublishedFigures: Codable, Equatable, Sendable {
    /// This build's document format; a console does not read a document of another (it computes its own figures).
    /// Format 2: sections 1–9 are two groups, `front` and `back` (format 1 had one, `flow`).
    public static let currentFormat = 2
    /// Published figures this old are not shown: the publisher has stopped or cannot keep up, so a console computes
    /// its own rather than show figures that no longer move.
    public static let maximumAge = SignalDuration.seconds(120)

    /// The document's format (``currentFormat`` when written by this build).
    public var format: Int
    /// The window of every group's signals.
    public var window: SignalDuration
    /// Each read group's signals, holding that group's sections, as of the group's last read.
    public var groups: [SignalReadGroup: GoldenSignals]
    /// The trends as of ``trendsAsOf`` (empty until the first sampling).
    public var trends: [SignalKind: TrendSeries]
    /// The as-of of the trends' newest bucket.
    public var trendsAsOf: Timestamp?

    /// Nothing computed yet over `window`.
    public init(window: SignalDuration) {
        self.format = Self.currentFormat
        self.window = window
        self.groups = [:]
        self.trends = [:]
        self.trendsAsOf = nil
    }

    /// Reads a publication; fails with ``PublicationError`` when it is not a document of this build's format.
    public init(decoding publication: SignalPublication) throws(PublicationError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(publication.document.utf8))
        } catch {
            throw PublicationError.unreadable("\(error)")
        }
        guard format == Self.currentFormat else { throw PublicationError.otherFormat(format) }
        guard window == publication.window else { throw PublicationError.unreadable("the document's window is not its row's") }
    }

    /// The publication that carries these figures.
    public func publication() throws(PublicationError) -> SignalPublication {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            return SignalPublication(window: window, document: String(decoding: try encoder.encode(self), as: UTF8.self))
        } catch {
            throw PublicationError.unreadable("\(error)")
        }
    }

    /// The signals of the groups `sections` holds in full, merged oldest first (so the result's as-of is the newest),
    /// and the oldest group's as-of: nil unless each of those groups is published over this window and is younger
    /// than ``maximumAge`` at `now`.
    public func signals(_ sections: SignalSections, at now: Timestamp) -> (signals: GoldenSignals, oldest: Timestamp)? {
        let wanted = SignalReadGroup.held(in: sections)
        guard !wanted.isEmpty else { return nil }
        var read: [GoldenSignals] = []
        for group in wanted {
            guard let signals = groups[group], now.since(signals.asOf) < Self.maximumAge else { return nil }
            read.append(signals.selecting(group.sections))
        }
        read.sort { $0.asOf < $1.asOf }
        let merged = read.dropFirst().reduce(read[0]) { $0.merging($1) }
        return (merged, read[0].asOf)
    }

    /// The trends, once sampled, while the publisher is alive (its newest signals younger than ``maximumAge`` at
    /// `now`). Their own age may be more: a sampling costs tens of reads and is paced by its cost, and a sparkline of
    /// hours and days moves little in a minute.
    public func trends(at now: Timestamp) -> [SignalKind: TrendSeries]? {
        guard trendsAsOf != nil, let newest = groups.values.map(\.asOf).max(), now.since(newest) < Self.maximumAge else {
            return nil
        }
        return trends
    }
}

/// Why a publication cannot be read.
public enum PublicationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a document of published figures, or not one this build reads.
    case unreadable(String)
    /// A document of another format (a newer or older publisher).
    case otherFormat(Int)

    public var description: String {
        switch self {
        case .unreadable(let reason): "the published figures cannot be read: \(reason)"
        case .otherFormat(let format):
            "the published figures are in format \(format); this build reads format \(PublishedFigures.currentFormat)"
        }
    }
}

import SignalboxCore

/// How ``IntegrationSimulator`` plays the integration layer.
///
/// ```swift
/// var configuration = SimulatorConfiguration()
/// configuration.speed = 600                 // ten simulated minutes per wall second
/// configuration.maximumEventsPerSecond = 20
/// try configuration.validate()
/// ```
public struct SimulatorConfiguration: Hashable, Sendable {
    /// Decides every choice that does not depend on what people do. The default is the demo data's
    /// seed, so live customers (and their ambiguous ERP candidates) are the demo store's customers.
    public var seed: UInt64 = 20261123
    /// Simulated seconds per wall second.
    public var speed: Int64 = 60
    /// Most generated events written per wall second (reactions to people are not held back).
    public var maximumEventsPerSecond = 50
    /// Contracts approved per simulated day, around the clock.
    public var contractsPerDay = 200
    /// Size of the customer book; 100 matches the demo data.
    public var customers = 100
    /// Where simulated time starts; nil: at the store's newest exception, or the clock's now for an empty store.
    public var start: Timestamp?
    /// Wall time between two steps of ``IntegrationSimulator/run(until:)``.
    public var pollInterval: SignalDuration = SignalDuration(microseconds: 250_000)
    /// Events per `ingest` call.
    public var batchSize = 50
    /// Share of approved replays that succeed, per mille.
    public var replaySuccessPerMille = 850

    public init() {}

    /// Contracts are planned this many days ahead of the start (the run ends there at the latest).
    static let horizonDays = 3650

    /// Events written in one step: the per-second cap spread over the poll interval, at least one.
    var eventsPerStep: Int {
        max(1, Int(Int64(maximumEventsPerSecond) * pollInterval.microseconds / 1_000_000))
    }

    /// Checks every field; throws the first that is out of range.
    public func validate() throws(SimulatorConfigurationError) {
        guard speed >= 1 else { throw .outOfRange(field: "speed", value: "\(speed)", expected: "at least 1") }
        guard maximumEventsPerSecond >= 1 else {
            throw .outOfRange(field: "rate", value: "\(maximumEventsPerSecond)", expected: "at least 1 event per second")
        }
        let maximumPerDay = GeneratorConfiguration.maximumContracts / Self.horizonDays
        guard (1...maximumPerDay).contains(contractsPerDay) else {
            throw .outOfRange(field: "contracts per day", value: "\(contractsPerDay)", expected: "1…\(maximumPerDay)")
        }
        guard customers >= 1 else { throw .outOfRange(field: "customers", value: "\(customers)", expected: "at least 1") }
        guard pollInterval.microseconds > 0 else {
            throw .outOfRange(field: "poll interval", value: "\(pollInterval)", expected: "longer than zero")
        }
        guard batchSize >= 1 else { throw .outOfRange(field: "batch size", value: "\(batchSize)", expected: "at least 1") }
        guard (0...1000).contains(replaySuccessPerMille) else {
            throw .outOfRange(field: "replay success", value: "\(replaySuccessPerMille)", expected: "0…1000 per mille")
        }
    }
}

/// A simulator setting that cannot be used.
public enum SimulatorConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case outOfRange(field: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .outOfRange(let field, let value, let expected): "simulator \(field) must be \(expected), got \(value)"
        }
    }
}

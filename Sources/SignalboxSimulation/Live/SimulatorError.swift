import SignalboxStore

/// Why the simulator stopped with an error.
public enum SimulatorError: Error, Sendable, CustomStringConvertible {
    /// The store refused a read or a write.
    case store(StoreError)
    /// The live run could not be planned from this start.
    case generator(GeneratorConfigurationError)
    /// Waiting for the next step failed for a reason other than cancellation.
    case clock(String)

    public var description: String {
        switch self {
        case .store(let error): "simulator: \(error)"
        case .generator(let error): "simulator cannot plan the run: \(error)"
        case .clock(let detail): "simulator clock failed: \(detail)"
        }
    }
}

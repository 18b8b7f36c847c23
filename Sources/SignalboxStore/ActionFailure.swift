import SignalboxCore

/// Why an action on one exception did not happen: the rules refused it, or the store could not write it.
/// Kept typed up to the screen, which words it.
public enum ActionFailure: Error, Equatable, Sendable, CustomStringConvertible {
    case refused(ExceptionActionError)
    case store(StoreError)

    public var description: String {
        switch self {
        case .refused(let error): error.description
        case .store(let error): error.description
        }
    }
}

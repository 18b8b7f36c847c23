/// The five dashboard tiles, one per golden signal, in screen order.
public enum TileKind: Int, CaseIterable, Sendable, Hashable {
    case activation, provisioning, amendments, unbilled, exceptions

    /// The tile's title.
    public var title: String {
        switch self {
        case .activation: "Activation latency"
        case .provisioning: "Provisioning"
        case .amendments: "Amendment accuracy"
        case .unbilled: "Unbilled time"
        case .exceptions: "Exception backlog"
        }
    }

    /// The word used in `:` commands and messages.
    public var commandName: String {
        switch self {
        case .activation: "activation"
        case .provisioning: "provisioning"
        case .amendments: "amendments"
        case .unbilled: "unbilled"
        case .exceptions: "exceptions"
        }
    }
}

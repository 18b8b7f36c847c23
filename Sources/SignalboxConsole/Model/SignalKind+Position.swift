extension SignalKind {
    /// Place in dashboard order, from 0.
    var position: Int { SignalKind.allCases.firstIndex(of: self) ?? 0 }

    /// The signal at `position` in dashboard order, wrapping around.
    static func at(_ position: Int) -> SignalKind {
        let count = allCases.count
        return allCases[((position % count) + count) % count]
    }
}

extension SignalKind {
    /// Place in dashboard order, from 0.
    var position: Int { SignalKind.allCases.firstIndex(of: self) ?? 0 }

    /// The signal at `position` in dashboard order, wrapping around.
    static func at(_ position: Int) -> SignalKind {
        let count = allCases.count
        return allCases[((position % count) + count) % count]
    }

    /// The signals of the dashboard page this one is on.
    var page: [SignalKind] { SignalKind.firstPage.contains(self) ? SignalKind.firstPage : SignalKind.secondPage }

    /// 1 or 2.
    var pageNumber: Int { SignalKind.firstPage.contains(self) ? 1 : 2 }

    /// The first signal of the other page.
    var otherPage: SignalKind { (pageNumber == 1 ? SignalKind.secondPage : SignalKind.firstPage)[0] }
}

extension SignalDuration {
    /// How long ago, for messages: `20s ago`, `5m ago`, `3h ago`, `2d ago`; `just now` under a second or when negative (clock skew).
    public var agoText: String {
        let total = seconds
        if total < 1 { return "just now" }
        if total < 60 { return "\(total)s ago" }
        if total < 3600 { return "\(total / 60)m ago" }
        if total < 86_400 { return "\(total / 3600)h ago" }
        return "\(total / 86_400)d ago"
    }
}

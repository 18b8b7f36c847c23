import SignalboxCore

/// One line of generator output: a canonical event, the UTC offset its timestamp is written in,
/// and how it was delivered.
public struct GeneratedEvent: Hashable, Sendable {
    /// How a line reached the output.
    public enum Delivery: Hashable, Sendable {
        /// In `occurred_at` order.
        case inOrder
        /// Held back: written after lines that occurred later.
        case late
        /// A second copy of a line already written (same `event_id`, same bytes).
        case duplicate
    }

    public let event: CanonicalEvent
    /// Minutes east of UTC used to write `occurred_at` (0 writes `Z`).
    public let utcOffsetMinutes: Int
    public let delivery: Delivery

    public init(event: CanonicalEvent, utcOffsetMinutes: Int, delivery: Delivery) {
        self.event = event
        self.utcOffsetMinutes = utcOffsetMinutes
        self.delivery = delivery
    }

    /// The canonical JSON line (no newline), with `occurred_at` written in `utcOffsetMinutes`.
    public var jsonLine: String {
        guard utcOffsetMinutes != 0 else { return event.jsonLine }
        var object = event.json
        object["occurred_at"] = .string(event.occurredAt.rfc3339(utcOffsetMinutes: utcOffsetMinutes))
        return JSONValue.object(object).serialized
    }
}

extension Timestamp {
    /// RFC 3339 in local time at `utcOffsetMinutes` east of UTC: `2026-10-01T11:15:00.250+02:00`.
    public func rfc3339(utcOffsetMinutes: Int) -> String {
        guard utcOffsetMinutes != 0 else { return rfc3339 }
        let local = Timestamp(microseconds: microseconds + Int64(utcOffsetMinutes) * 60_000_000).rfc3339.dropLast()
        let magnitude = abs(utcOffsetMinutes)
        return local + (utcOffsetMinutes < 0 ? "-" : "+") + zeroPadded(magnitude / 60, 2) + ":" + zeroPadded(magnitude % 60, 2)
    }
}

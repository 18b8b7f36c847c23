import SignalboxCore

/// A min-heap of elements taken out in time order, ties in insertion order (so runs are deterministic).
///
/// The generator plans follow-ups (retries, payments, exception handling) ahead of time and
/// drains them one simulated day at a time; the delivery channel holds back late lines in one too.
struct TimeOrderedQueue<Element> {
    /// Elements live in boxes so that sifting moves three words, not whole events.
    private final class Box {
        let element: Element
        init(_ element: Element) { self.element = element }
    }

    private struct Entry {
        let time: Timestamp
        let sequence: UInt64
        let box: Box
        func precedes(_ other: Entry) -> Bool {
            time == other.time ? sequence < other.sequence : time < other.time
        }
    }

    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    mutating func insert(_ element: Element, at time: Timestamp) {
        heap.append(Entry(time: time, sequence: nextSequence, box: Box(element)))
        nextSequence += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest element if its time is at or before `limit`.
    mutating func popEarliest(notAfter limit: Timestamp) -> Element? {
        guard let first = heap.first, first.time <= limit else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
                if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return first.box.element
    }
}

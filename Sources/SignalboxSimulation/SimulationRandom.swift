/// A deterministic pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// The generator never touches system randomness, so the same seed yields the same
/// stream on every platform and Swift version. All helpers use integer arithmetic.
///
/// ```swift
/// var random = SimulationRandom(seed: 42)
/// random.int(in: 1...6)      // a die roll
/// random.chance(perMille: 50) // true about 5% of the time
/// ```
public struct SimulationRandom: Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose stream is fully determined by `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        state = (SimulationRandom.splitMix(&mixer), SimulationRandom.splitMix(&mixer),
                 SimulationRandom.splitMix(&mixer), SimulationRandom.splitMix(&mixer))
    }

    /// An independent generator for one stream (e.g. one contract) of a seeded run.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        self.init(seed: SimulationRandom.splitMix(&mixer))
    }

    private static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = SimulationRandom.rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = SimulationRandom.rotl(state.3, 45)
        return result
    }

    /// A uniform integer in `range` (multiply-high reduction; bias below 2^-40 for the ranges used here).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// A uniform integer in `range`.
    public mutating func int64(in range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int64(next().multipliedFullWidth(by: width).high)
    }

    /// True with probability `perMille` / 1000.
    public mutating func chance(perMille: Int) -> Bool { int(in: 0...999) < perMille }

    /// A uniformly chosen element of a non-empty collection.
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
        items[items.startIndex + int(in: 0...(items.count - 1))]
    }

    /// An element chosen with the given integer weights (parallel to `items`, not all zero).
    public mutating func pick<T>(_ items: [T], weights: [Int]) -> T {
        var roll = int(in: 0...(weights.reduce(0, +) - 1))
        for (item, weight) in zip(items, weights) {
            if roll < weight { return item }
            roll -= weight
        }
        return items[items.count - 1]
    }
}

/// A small, fast, reproducible random number generator (SplitMix64, Steele, Lea & Flood 2014).
/// Every random choice in the synthetic pipeline (in-context examples, evolution methods, review
/// samples, the mix subsample) draws from one of these, derived from the user's `--seed` and the
/// position of the work item, so that a re-run makes the same choices and so sends the same
/// requests — which is what lets a resumed run be answered from the response cache.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one work item: mixes the run's seed with the item's coordinates, so items
    /// draw independent streams whatever order they run in.
    public init(seed: UInt64, _ coordinates: Int...) {
        var mixed = seed
        for value in coordinates {
            var g = SeededGenerator(seed: mixed ^ (UInt64(bitPattern: Int64(value)) &* 0x9E37_79B9_7F4A_7C15))
            mixed = g.next()
        }
        state = mixed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array {
    /// `k` elements drawn without replacement, in the order drawn (a partial Fisher–Yates shuffle).
    public func sample(_ k: Int, using generator: inout SeededGenerator) -> [Element] {
        var pool = self
        let k = Swift.min(k, pool.count)
        for i in 0..<k {
            let j = Int.random(in: i..<pool.count, using: &generator)
            pool.swapAt(i, j)
        }
        return Array(pool.prefix(k))
    }
}

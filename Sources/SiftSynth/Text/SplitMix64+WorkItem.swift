import SiftCore

extension SplitMix64 {
    /// A generator for one work item: mixes the run's seed with the item's coordinates, so items
    /// draw independent streams whatever order they run in. Every random choice in the synthetic
    /// pipeline (in-context examples, evolution methods, review samples, the mix subsample) draws
    /// from one of these, so a re-run makes the same choices and sends the same requests, which is
    /// what lets a resumed run be answered from the response cache.
    public init(seed: UInt64, _ coordinates: Int...) {
        var mixed = seed
        for value in coordinates {
            var g = SplitMix64(seed: mixed ^ (UInt64(bitPattern: Int64(value)) &* 0x9E37_79B9_7F4A_7C15))
            mixed = g.next()
        }
        self.init(seed: mixed)
    }
}

extension Array {
    /// `k` elements drawn without replacement, in the order drawn (a partial Fisher–Yates shuffle).
    public func sample(_ k: Int, using generator: inout SplitMix64) -> [Element] {
        var pool = self
        let k = Swift.min(k, pool.count)
        for i in 0..<k {
            let j = Int.random(in: i..<pool.count, using: &generator)
            pool.swapAt(i, j)
        }
        return Array(pool.prefix(k))
    }
}

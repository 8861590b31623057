/// A hash table from band hash to the newest document in that bucket: open addressing with linear
/// probing over power-of-two slots, at most 70% full. The keys are already uniform 64-bit hashes,
/// so their low bits index the table directly; Swift's `Dictionary` would hash them again with
/// SipHash, which made band lookups the largest sequential cost of `sift dedup`.
struct BandTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private(set) var count = 0

    /// Marks an empty slot; a real key equal to it is stored as `substitute` (a collision of two
    /// band hashes costs one extra signature comparison, never a wrong merge).
    private static let empty: UInt64 = 0
    private static let substitute: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(capacity: Int = 1024) {
        var slots = 16
        while slots * 7 < capacity * 10 { slots *= 2 }
        keys = Array(repeating: Self.empty, count: slots)
        values = Array(repeating: -1, count: slots)
    }

    /// The bucket's newest document, nil for an unknown key.
    func newest(_ key: UInt64) -> Int32? {
        let key = key == Self.empty ? Self.substitute : key
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while keys[slot] != Self.empty {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Sets the bucket's newest document and returns the previous one (nil for a new bucket).
    mutating func exchange(_ key: UInt64, _ value: Int32) -> Int32? {
        if (count + 1) * 10 > keys.count * 7 { grow() }
        let key = key == Self.empty ? Self.substitute : key
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            if keys[slot] == key {
                let previous = values[slot]
                values[slot] = value
                return previous
            }
            if keys[slot] == Self.empty {
                keys[slot] = key
                values[slot] = value
                count += 1
                return nil
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: Self.empty, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != Self.empty {
            _ = exchange(key, value)
        }
    }

    /// Bytes of the slots.
    var bytes: Int { keys.count * (MemoryLayout<UInt64>.stride + MemoryLayout<Int32>.stride) }
}

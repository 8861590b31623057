/// Counts 64-bit keys (substring hashes) with open addressing, remembering where each key first
/// appeared: the repetition rules look up every word n-gram of every document, and `Set<String>`
/// would allocate a string per n-gram.
struct HashCounter {
    private var keys: [UInt64]
    private var counts: [Int32]
    private var firsts: [Int32]
    private var mask: Int
    private(set) var distinct = 0

    init(expected: Int) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        counts = Array(repeating: 0, count: capacity)
        firsts = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// Empties the counter, keeping its storage when it is large enough for `expected` keys.
    mutating func reset(expected: Int) {
        if expected * 2 > keys.count {
            self = HashCounter(expected: expected)
        } else if distinct > 0 {
            for i in keys.indices { keys[i] = 0 }
            distinct = 0
        }
    }

    /// Adds one occurrence of `key` first seen at `index`; returns the key's count and first index.
    @inline(__always)
    @discardableResult
    mutating func add(_ key: UInt64, at index: Int) -> (count: Int, first: Int) {
        let key = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let stored = keys[slot]
            if stored == key {
                counts[slot] += 1
                return (Int(counts[slot]), Int(firsts[slot]))
            }
            if stored == 0 {
                keys[slot] = key
                counts[slot] = 1
                firsts[slot] = Int32(truncatingIfNeeded: index)
                distinct += 1
                if distinct * 2 > keys.count { grow() }
                return (1, index)
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `key` was added, without adding it.
    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        let key = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let stored = keys[slot]
            if stored == key { return true }
            if stored == 0 { return false }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldCounts = counts, oldFirsts = firsts
        let capacity = keys.count * 2
        keys = Array(repeating: 0, count: capacity)
        counts = Array(repeating: 0, count: capacity)
        firsts = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for i in oldKeys.indices where oldKeys[i] != 0 {
            var slot = Int(truncatingIfNeeded: oldKeys[i] ^ (oldKeys[i] >> 29)) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[i]
            counts[slot] = oldCounts[i]
            firsts[slot] = oldFirsts[i]
        }
    }
}

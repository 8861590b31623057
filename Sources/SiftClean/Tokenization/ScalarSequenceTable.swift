/// Exact lookup of short scalar sequences (tokenizer exceptions, phrase patterns) without building
/// a `String` per candidate: the tokenizer asks about every chunk of text, so the lookup hashes the
/// scalars in place and compares them only on a hash hit.
struct ScalarSequenceTable<Value: Sendable>: Sendable {
    private var slots: [Int32]
    private var keys: [[UInt32]] = []
    private var values: [Value] = []
    private let mask: Int
    /// Longest key: longer candidates are rejected without hashing.
    let maxLength: Int

    init(_ entries: [([UInt32], Value)]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: -1, count: capacity)
        maxLength = entries.map(\.0.count).max() ?? 0
        for (key, value) in entries where lookupIndex(key[...]) == nil {
            var slot = Self.hash(key[...]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(keys.count)
            keys.append(key)
            values.append(value)
        }
    }

    @inline(__always)
    private static func hash(_ scalars: some Collection<UInt32>) -> Int {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for s in scalars {
            h = (h ^ UInt64(s)) &* 0x0000_0100_0000_01B3
        }
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    private func lookupIndex(_ key: ArraySlice<UInt32>) -> Int? {
        var slot = Self.hash(key) & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if keys[index].elementsEqual(key) { return index }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inline(__always)
    func lookup(_ text: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> Value? {
        let length = end - start
        guard length > 0, length <= maxLength else { return nil }
        let slice = UnsafeBufferPointer(rebasing: text[start..<end])
        var slot = Self.hash(slice) & mask
        while slots[slot] >= 0 {
            let index = Int(slots[slot])
            if keys[index].count == length, keys[index].elementsEqual(slice) { return values[index] }
            slot = (slot + 1) & mask
        }
        return nil
    }
}

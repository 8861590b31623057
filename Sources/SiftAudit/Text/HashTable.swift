/// A hash table keyed by 64-bit hashes (XXH64, FNV), which are already uniformly spread: the key's
/// low bits index an open-addressing table with linear probing, skipping the SipHash that
/// `Dictionary` spends on every lookup. The audit's counting checks do one or two lookups per
/// record on millions of records; this is where their time goes.
struct HashTable<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1_024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    /// 0 marks an empty slot, so the key 0 is stored as 1 (one more collision in 2^64).
    @inline(__always) private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always) private func slot(of key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    subscript(key: UInt64) -> Value? {
        let i = slot(of: Self.stored(key))
        return keys[i] == 0 ? nil : values[i]
    }

    /// Updates the value for `key` in place, inserting `initial` first when the key is new.
    @inline(__always) mutating func update<R>(_ key: UInt64, initial: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        let key = Self.stored(key)
        var i = slot(of: key)
        if keys[i] == 0 {
            if (count + 1) * 4 > keys.count * 3 {
                grow()
                i = slot(of: key)
            }
            keys[i] = key
            values[i] = initial()
            count += 1
        }
        return body(&values[i]!)
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (i, key) in oldKeys.enumerated() where key != 0 {
            let j = slot(of: key)
            keys[j] = key
            values[j] = oldValues[i]
        }
    }

    /// Every entry, in table order (callers sort what they show).
    var entries: [(key: UInt64, value: Value)] {
        var out: [(key: UInt64, value: Value)] = []
        out.reserveCapacity(count)
        for (i, key) in keys.enumerated() where key != 0 { out.append((key, values[i]!)) }
        return out
    }

}
extension HashTable: Sendable where Value: Sendable {}

/// A hash table keyed by 64-bit hashes (XXH64, FNV), which are already uniformly spread: the key's
/// low bits index an open-addressing table with linear probing, skipping the SipHash that
/// `Dictionary` spends on every lookup. The audit's counting checks do one or two lookups per
/// record on millions of records; this is where their time goes.
struct HashTable<Value> {
    /// A key next to its value, so that a lookup in a table too large for the cache (one entry
    /// per distinct text on millions of records) misses the cache once, not once per array.
    fileprivate struct Slot {
        /// 0 marks an empty slot.
        var key: UInt64
        var value: Value?
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1_024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: nil), count: size)
        mask = size - 1
    }

    /// 0 marks an empty slot, so the key 0 is stored as 1 (one more collision in 2^64).
    @inline(__always) private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always) private func slot(of key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while slots[i].key != 0 && slots[i].key != key { i = (i + 1) & mask }
        return i
    }

    subscript(key: UInt64) -> Value? {
        let i = slot(of: Self.stored(key))
        return slots[i].key == 0 ? nil : slots[i].value
    }

    /// Updates the value for `key` in place, inserting `initial` first when the key is new.
    @inline(__always) mutating func update<R>(_ key: UInt64, initial: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        let key = Self.stored(key)
        var i = slot(of: key)
        if slots[i].key == 0 {
            if (count + 1) * 4 > slots.count * 3 {
                grow()
                i = slot(of: key)
            }
            slots[i] = Slot(key: key, value: initial())
            count += 1
        }
        return body(&slots[i].value!)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: nil), count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry.key != 0 { slots[slot(of: entry.key)] = entry }
    }

    /// Every entry, in table order (callers sort what they show).
    var entries: [(key: UInt64, value: Value)] {
        var out: [(key: UInt64, value: Value)] = []
        out.reserveCapacity(count)
        for entry in slots where entry.key != 0 { out.append((entry.key, entry.value!)) }
        return out
    }
}
extension HashTable: Sendable where Value: Sendable {}
extension HashTable.Slot: Sendable where Value: Sendable {}

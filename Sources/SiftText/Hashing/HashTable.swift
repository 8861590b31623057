/// A hash table of values keyed by 64-bit hashes, laid out as `HashSlots` says, skipping the
/// SipHash that `Dictionary` spends on every lookup. The audit's counting checks do one or two
/// lookups per record on millions of records; this is where their time goes. A value type, so
/// that it can sit in a check's `Sendable` state; `HashCounter` is the same scheme as reusable raw
/// memory for the filters' per-document passes.
public struct HashTable<Value> {
    /// A key next to its value, so that a lookup in a table too large for the cache (one entry
    /// per distinct text on millions of records) misses the cache once, not once per array.
    @usableFromInline struct Slot {
        /// 0 marks an empty slot.
        @usableFromInline var key: UInt64
        @usableFromInline var value: Value?

        @inlinable init(key: UInt64, value: Value?) {
            self.key = key
            self.value = value
        }
    }

    @usableFromInline var slots: [Slot]
    @usableFromInline var mask: Int
    @usableFromInline var stored = 0
    @inlinable package var count: Int { stored }

    @inlinable package init(capacity: Int = 1_024) {
        let size = HashSlots.capacity(for: capacity)
        slots = Array(repeating: Slot(key: 0, value: nil), count: size)
        mask = size - 1
    }

    @inlinable @inline(__always) func slot(of key: UInt64) -> Int {
        var i = HashSlots.home(key, mask)
        while slots[i].key != 0 && slots[i].key != key { i = HashSlots.next(i, mask) }
        return i
    }

    @inlinable @inline(__always) package subscript(key: UInt64) -> Value? {
        let i = slot(of: HashSlots.stored(key))
        return slots[i].key == 0 ? nil : slots[i].value
    }

    /// Updates the value for `key` in place, inserting `initial` first when the key is new.
    @inlinable @inline(__always) package mutating func update<R>(_ key: UInt64, initial: @autoclosure () -> Value, _ body: (inout Value) -> R) -> R {
        let key = HashSlots.stored(key)
        var i = slot(of: key)
        if slots[i].key == 0 {
            if (stored + 1) * 4 > slots.count * 3 {
                grow()
                i = slot(of: key)
            }
            slots[i] = Slot(key: key, value: initial())
            stored += 1
        }
        return body(&slots[i].value!)
    }

    @inlinable mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: nil), count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry.key != 0 { slots[slot(of: entry.key)] = entry }
    }

    /// Every entry, in table order (callers sort what they show).
    @inlinable package var entries: [(key: UInt64, value: Value)] {
        var out: [(key: UInt64, value: Value)] = []
        out.reserveCapacity(count)
        for entry in slots where entry.key != 0 { out.append((entry.key, entry.value!)) }
        return out
    }
}
extension HashTable: Sendable where Value: Sendable {}
extension HashTable.Slot: Sendable where Value: Sendable {}

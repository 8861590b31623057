/// Counts 64-bit keys (span hashes) in `HashSlots`' scheme, remembering where each key first
/// appeared. The repetition rules look up every word n-gram of every document several times, so
/// this is the filters' innermost loop: storage is raw memory reused across passes (a class, so
/// that one counter per thread serves every document), keys, counts and first positions are kept
/// in separate arrays (a pass that only inserts touches the keys alone), and a pass starts by
/// zeroing the keys. Its methods are `@inlinable` so that the key closures of the callers are
/// inlined into the loops, as when this was internal to the filters.
///
/// The stored properties are `@exclusivity(unchecked)`: a class's properties otherwise get a dynamic
/// exclusivity check (`swift_beginAccess`) at every access from another module, where the compiler
/// cannot see all accesses, and the methods inlined into the filters touch them per key. Only the
/// methods below access them, never overlapping (the callers' key closures do not use the counter).
public final class HashCounter {
    @exclusivity(unchecked) @usableFromInline var keys: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) @usableFromInline var counts: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) @usableFromInline var firsts: UnsafeMutablePointer<Int32>
    /// Slots allocated, and slots in use by this pass (a power of two sized to the pass, so that a
    /// small pass, such as a document's few paragraphs, zeroes a small table).
    @exclusivity(unchecked) @usableFromInline var allocated: Int
    @exclusivity(unchecked) @usableFromInline var capacity: Int
    @exclusivity(unchecked) @usableFromInline var mask: Int
    @exclusivity(unchecked) @usableFromInline var distinct = 0

    package init(expected: Int) {
        allocated = HashSlots.capacity(for: expected)
        capacity = allocated
        mask = capacity - 1
        keys = .allocate(capacity: allocated)
        keys.initialize(repeating: 0, count: allocated)
        counts = .allocate(capacity: allocated)
        counts.initialize(repeating: 0, count: allocated)
        firsts = .allocate(capacity: allocated)
        firsts.initialize(repeating: 0, count: allocated)
    }

    deinit {
        keys.deallocate()
        counts.deallocate()
        firsts.deallocate()
    }

    /// Starts a new, empty pass able to hold `expected` keys without growing.
    @inlinable package func reset(expected: Int) {
        distinct = 0
        useCapacity(HashSlots.capacity(for: expected))
    }

    /// Makes the first `newCapacity` slots the (empty) table, allocating when they do not fit.
    /// Every pass starts here, so a pass that leaves the keys alone need not zero them.
    @inlinable func useCapacity(_ newCapacity: Int, zeroingKeys: Bool = true) {
        if newCapacity > allocated {
            keys.deallocate()
            counts.deallocate()
            firsts.deallocate()
            allocated = newCapacity
            keys = .allocate(capacity: allocated)
            counts = .allocate(capacity: allocated)
            counts.initialize(repeating: 0, count: allocated)
            firsts = .allocate(capacity: allocated)
            firsts.initialize(repeating: 0, count: allocated)
        }
        capacity = newCapacity
        mask = capacity - 1
        if zeroingKeys { keys.update(repeating: 0, count: capacity) }
    }

    /// Adds `key` if it is new; returns whether it was already there.
    @inlinable @inline(__always)
    package func insert(_ key: UInt64) -> Bool {
        let key = HashSlots.stored(key)
        if (distinct + 1) * 2 > capacity { grow() }
        var slot = HashSlots.home(key, mask)
        while keys[slot] != 0 {
            if keys[slot] == key { return true }
            slot = HashSlots.next(slot, mask)
        }
        keys[slot] = key
        distinct += 1
        return false
    }

    /// For each of `windows` keys, an upper bound of how often it occurs: keys are counted per
    /// slot without being stored (a count-min sketch of one row), so keys sharing a slot add up.
    /// A bound needs no probing and no key comparisons; exact counts are needed only where a bound
    /// could fail a check. The bounds stay valid until the next pass.
    @inlinable package func occurrenceBounds(windows: Int, key: (Int) -> UInt64) -> UnsafeBufferPointer<Int32> {
        // Four or more slots per key keep the chance additions small.
        distinct = 0
        useCapacity(HashSlots.capacity(for: 2 * windows), zeroingKeys: false)
        let counts = self.counts, slots = self.firsts, mask = self.mask
        counts.update(repeating: 0, count: capacity)
        for i in 0..<windows {
            let slot = HashSlots.home(key(i), mask)
            counts[slot] &+= 1
            slots[i] = Int32(truncatingIfNeeded: slot)
        }
        for i in 0..<windows { slots[i] = counts[Int(slots[i])] }
        return UnsafeBufferPointer(start: slots, count: windows)
    }

    /// datatrove's `find_all_duplicate` over window keys: scanning windows left to right, a window
    /// whose key was seen adds its characters and skips `n` windows. Only `positions` (ascending) are
    /// visited: the caller knows the windows in between to be unique, and such a window would only
    /// advance the scan by one without ever being looked up again.
    @inlinable package func repeatedCharacters(positions: UnsafeBufferPointer<Int32>, windows: Int, n: Int, key: (Int) -> (key: UInt64, length: Int)) -> Int {
        reset(expected: positions.count)
        let keys = self.keys, mask = self.mask
        var repeated = 0
        var next = 0
        for position in positions {
            let i = Int(position)
            if i >= windows { break }
            if i < next { continue }
            let (raw, length) = key(i)
            let k = HashSlots.stored(raw)
            var slot = HashSlots.home(k, mask)
            var seen = false
            while true {
                let stored = keys[slot]
                if stored == k {
                    seen = true
                    break
                }
                if stored == 0 { break }
                slot = HashSlots.next(slot, mask)
            }
            if seen {
                repeated += length
                next = i + n
            } else {
                keys[slot] = k
                next = i + 1
            }
        }
        return repeated
    }

    /// The most frequent key among `windows` keys and its count; ties go to the first seen.
    @inlinable package func mostFrequent(windows: Int, key: (Int) -> UInt64) -> (first: Int, count: Int) {
        reset(expected: windows)
        let keys = self.keys, counts = self.counts, firsts = self.firsts, mask = self.mask
        var bestCount: Int32 = 0
        var bestFirst: Int32 = 0
        for i in 0..<windows {
            let raw = key(i)
            let k = HashSlots.stored(raw)
            var slot = HashSlots.home(k, mask)
            while keys[slot] != 0, keys[slot] != k { slot = HashSlots.next(slot, mask) }
            let count: Int32
            let first: Int32
            if keys[slot] == k {
                counts[slot] += 1
                count = counts[slot]
                first = firsts[slot]
            } else {
                keys[slot] = k
                counts[slot] = 1
                firsts[slot] = Int32(truncatingIfNeeded: i)
                count = 1
                first = Int32(truncatingIfNeeded: i)
            }
            if count > bestCount || (count == bestCount && first < bestFirst) {
                bestCount = count
                bestFirst = first
            }
        }
        return (Int(bestFirst), Int(bestCount))
    }

    /// Doubles the table of an `insert` pass (only keys are in use there), keeping its keys.
    @inlinable func grow() {
        let oldCapacity = capacity
        let old = UnsafeMutablePointer<UInt64>.allocate(capacity: oldCapacity)
        old.initialize(from: keys, count: oldCapacity)
        useCapacity(oldCapacity * 2)
        for i in 0..<oldCapacity where old[i] != 0 {
            var slot = HashSlots.home(old[i], mask)
            while keys[slot] != 0 { slot = HashSlots.next(slot, mask) }
            keys[slot] = old[i]
        }
        old.deallocate()
    }
}

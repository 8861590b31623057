/// Counts 64-bit keys (substring hashes) with open addressing, remembering where each key first
/// appeared. The repetition rules look up every word n-gram of every document several times, so
/// this is the filters' innermost loop: storage is raw memory reused across passes, and a pass
/// "clears" the table by bumping a generation stamp instead of writing every slot.
final class HashCounter {
    private var keys: UnsafeMutablePointer<UInt64>
    private var stamps: UnsafeMutablePointer<UInt32>
    private var counts: UnsafeMutablePointer<Int32>
    private var firsts: UnsafeMutablePointer<Int32>
    private var capacity: Int
    private var mask: Int
    private var stamp: UInt32 = 1
    private(set) var distinct = 0

    init(expected: Int) {
        capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        mask = capacity - 1
        keys = .allocate(capacity: capacity)
        stamps = .allocate(capacity: capacity)
        stamps.initialize(repeating: 0, count: capacity)
        counts = .allocate(capacity: capacity)
        firsts = .allocate(capacity: capacity)
    }

    deinit {
        keys.deallocate()
        stamps.deallocate()
        counts.deallocate()
        firsts.deallocate()
    }

    /// Starts a new, empty pass able to hold `expected` keys without growing.
    func reset(expected: Int) {
        distinct = 0
        if expected * 2 > capacity {
            var newCapacity = capacity
            while newCapacity < expected * 2 { newCapacity <<= 1 }
            resize(newCapacity)
            return
        }
        stamp &+= 1
        if stamp == 0 {
            stamps.update(repeating: 0, count: capacity)
            stamp = 1
        }
    }

    private func resize(_ newCapacity: Int) {
        keys.deallocate()
        stamps.deallocate()
        counts.deallocate()
        firsts.deallocate()
        capacity = newCapacity
        mask = capacity - 1
        keys = .allocate(capacity: capacity)
        stamps = .allocate(capacity: capacity)
        stamps.initialize(repeating: 0, count: capacity)
        counts = .allocate(capacity: capacity)
        firsts = .allocate(capacity: capacity)
        stamp = 1
    }

    @inline(__always)
    private func slot(for key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds `key` if it is new; returns whether it was already there.
    @inline(__always)
    func insert(_ key: UInt64) -> Bool {
        if (distinct + 1) * 2 > capacity { grow() }
        var slot = slot(for: key)
        while stamps[slot] == stamp {
            if keys[slot] == key { return true }
            slot = (slot + 1) & mask
        }
        stamps[slot] = stamp
        keys[slot] = key
        distinct += 1
        return false
    }

    /// datatrove's `find_all_duplicate` over precomputed window keys: scanning windows left to
    /// right, a window whose key was seen adds its characters and skips `n` windows. Written with
    /// the table's pointers in locals: this loop runs six times over every document.
    func repeatedCharacters(windows: Int, n: Int, key: (Int) -> (key: UInt64, length: Int)) -> Int {
        reset(expected: windows)
        let keys = self.keys, stamps = self.stamps, mask = self.mask, stamp = self.stamp
        var repeated = 0
        var i = 0
        while i < windows {
            let (k, length) = key(i)
            var slot = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            var seen = false
            while stamps[slot] == stamp {
                if keys[slot] == k {
                    seen = true
                    break
                }
                slot = (slot + 1) & mask
            }
            if seen {
                repeated += length
                i += n
            } else {
                stamps[slot] = stamp
                keys[slot] = k
                i += 1
            }
        }
        return repeated
    }

    /// The most frequent key among `windows` keys and its count; ties go to the first seen.
    func mostFrequent(windows: Int, key: (Int) -> UInt64) -> (first: Int, count: Int) {
        reset(expected: windows)
        let keys = self.keys, stamps = self.stamps, counts = self.counts, firsts = self.firsts, mask = self.mask, stamp = self.stamp
        var bestCount: Int32 = 0
        var bestFirst: Int32 = 0
        for i in 0..<windows {
            let k = key(i)
            var slot = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            while stamps[slot] == stamp, keys[slot] != k { slot = (slot + 1) & mask }
            let count: Int32
            let first: Int32
            if stamps[slot] == stamp {
                counts[slot] += 1
                count = counts[slot]
                first = firsts[slot]
            } else {
                stamps[slot] = stamp
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

    private func grow() {
        let oldKeys = keys, oldStamps = stamps, oldCounts = counts, oldFirsts = firsts
        let oldCapacity = capacity, oldStamp = stamp
        capacity *= 2
        mask = capacity - 1
        keys = .allocate(capacity: capacity)
        stamps = .allocate(capacity: capacity)
        stamps.initialize(repeating: 0, count: capacity)
        counts = .allocate(capacity: capacity)
        firsts = .allocate(capacity: capacity)
        stamp = 1
        for i in 0..<oldCapacity where oldStamps[i] == oldStamp {
            var slot = slot(for: oldKeys[i])
            while stamps[slot] == stamp { slot = (slot + 1) & mask }
            stamps[slot] = stamp
            keys[slot] = oldKeys[i]
            counts[slot] = oldCounts[i]
            firsts[slot] = oldFirsts[i]
        }
        oldKeys.deallocate()
        oldStamps.deallocate()
        oldCounts.deallocate()
        oldFirsts.deallocate()
    }
}

import SiftText

/// Exact counts per 64-bit key (an opening, a content word), with references kept for a bounded
/// number of keys: `limit` tracked items at most, half for the first keys seen, the other half for
/// keys once they reach `lateCount` occurrences, so that a frequent key first seen late still gets
/// references. One table lookup per occurrence: the count and the tracked item's index share a slot.
struct TrackedCounts<Tracked> {
    private struct Entry {
        var count: Int
        /// Index in `tracked`, -1 while untracked.
        var tracked: Int
    }

    private var counts = HashTable<Entry>()
    private var tracked: [Tracked] = []
    let limit: Int
    let lateCount: Int

    init(limit: Int, lateCount: Int) {
        self.limit = limit
        self.lateCount = lateCount
    }

    /// Counts one occurrence of `key`; when the key is tracked, `body` updates its item, which
    /// `make` builds the first time.
    mutating func count(_ key: UInt64, make: () -> Tracked, _ body: (inout Tracked) -> Void) {
        let trackedCount = tracked.count
        let entry = counts.update(key, initial: Entry(count: 0, tracked: -1)) { entry -> Entry in
            entry.count += 1
            if entry.tracked < 0, trackedCount < limit / 2 || (entry.count >= lateCount && trackedCount < limit) {
                entry.tracked = trackedCount
            }
            return entry
        }
        guard entry.tracked >= 0 else { return }
        if entry.tracked == tracked.count { tracked.append(make()) }
        body(&tracked[entry.tracked])
    }

    /// Every key with its count and tracked item (nil when untracked), in table order.
    var entries: [(key: UInt64, count: Int, tracked: Tracked?)] {
        counts.entries.map { (key: $0.key, count: $0.value.count, tracked: $0.value.tracked < 0 ? nil : tracked[$0.value.tracked]) }
    }
}

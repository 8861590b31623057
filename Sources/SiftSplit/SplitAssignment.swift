import SiftCore

/// Assigns records to splits so that every group lands in exactly one split (no near-copy of a test
/// item in train), each split gets close to its share of records, and, when stratifying, each
/// stratum (label) is divided in the same proportions.
///
/// The rule, deterministic for a seed:
/// 1. A group's stratum is the most common stratum of its records (ties: the first seen).
/// 2. Within each stratum the groups are shuffled (Fisher-Yates with `SplitMix64(seed)`), in order of
///    first appearance before shuffling.
/// 3. Each group in turn goes to the split whose record count is furthest below its target
///    (target = share × records of the stratum; ties go to the earlier split).
///
/// With singleton groups this reproduces the ratios to within one record per split and stratum;
/// with large groups the counts are as close as the group sizes allow.
public struct SplitAssignment: Sendable {
    public struct Item: Sendable {
        public var group: Int
        public var stratum: Int

        public init(group: Int, stratum: Int) {
            self.group = group
            self.stratum = stratum
        }
    }

    /// The split index of each item, in item order.
    public let splitOfItem: [Int]
    /// How many groups went to each split.
    public let groupsPerSplit: [Int]

    public init(items: [Item], ratios: [Double], seed: UInt64) {
        precondition(!ratios.isEmpty)
        let total = ratios.reduce(0, +)
        let shares = ratios.map { $0 / total }

        // Group sizes and strata counts, in order of first appearance.
        var groupOrder: [Int] = []
        var groupSize: [Int: Int] = [:]
        var groupStrata: [Int: [Int: Int]] = [:]
        var strataFirstSeen: [Int: Int] = [:]
        for (i, item) in items.enumerated() {
            if groupSize[item.group] == nil { groupOrder.append(item.group) }
            groupSize[item.group, default: 0] += 1
            groupStrata[item.group, default: [:]][item.stratum, default: 0] += 1
            if strataFirstSeen[item.stratum] == nil { strataFirstSeen[item.stratum] = i }
        }
        var groupsByStratum: [Int: [Int]] = [:]
        var strataOrder: [Int] = []
        for group in groupOrder {
            let counts = groupStrata[group]!
            let best = counts.max { a, b in a.value != b.value ? a.value < b.value : strataFirstSeen[a.key]! > strataFirstSeen[b.key]! }!.key
            if groupsByStratum[best] == nil { strataOrder.append(best) }
            groupsByStratum[best, default: []].append(group)
        }

        var rng = SplitMix64(seed: seed)
        var splitOfGroup: [Int: Int] = [:]
        var groupsPerSplit = Array(repeating: 0, count: shares.count)
        for stratum in strataOrder {
            var groups = groupsByStratum[stratum]!
            groups.shuffle(using: &rng)
            let records = groups.reduce(0) { $0 + groupSize[$1]! }
            let targets = shares.map { $0 * Double(records) }
            var filled = Array(repeating: 0.0, count: shares.count)
            for group in groups {
                var best = 0
                for k in 1..<shares.count where targets[k] - filled[k] > targets[best] - filled[best] { best = k }
                splitOfGroup[group] = best
                filled[best] += Double(groupSize[group]!)
                groupsPerSplit[best] += 1
            }
        }
        splitOfItem = items.map { splitOfGroup[$0.group]! }
        self.groupsPerSplit = groupsPerSplit
    }
}

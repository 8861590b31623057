/// One item on which annotators disagreed.
public struct ItemDisagreement: Sendable {
    public var item: Int
    /// Share of annotator pairs on the item that agree (`P_i`); lower is worse.
    public var agreement: Double
    /// The label more than half the annotators gave, if any.
    public var majority: Int?
}

/// An annotator departing from the others: on `count` items where more than half of the other
/// annotators (at least two) gave `majority`, this annotator gave `label`.
public struct Departure: Sendable, Equatable {
    public var majority: Int
    public var label: Int
    public var count: Int
}

/// Finds the items a guideline owner should look at: the most disputed ones, the ones with no
/// majority, examples of each confused label pair, and each annotator's habitual departures.
public enum ItemReview {
    /// Items with two or more labels that are not unanimous, most disputed first (then more labels
    /// first, then input order).
    public static func disagreements(_ table: AnnotationTable) -> [ItemDisagreement] {
        var found: [ItemDisagreement] = []
        var counts = [Int32](repeating: 0, count: table.domain.count)
        for item in 0..<table.itemCount {
            let ratings = table.ratings(of: item)
            guard ratings.count >= 2 else { continue }
            var distinct: [Int32] = []
            for r in ratings {
                if counts[Int(r.label)] == 0 { distinct.append(r.label) }
                counts[Int(r.label)] += 1
            }
            if distinct.count > 1 {
                let m = ratings.count
                var agreeingPairs = 0
                var majority: Int?
                for label in distinct {
                    let n = Int(counts[Int(label)])
                    agreeingPairs += n * (n - 1)
                    if 2 * n > m { majority = Int(label) }
                }
                found.append(ItemDisagreement(item: item, agreement: Double(agreeingPairs) / Double(m * (m - 1)), majority: majority))
            }
            for label in distinct { counts[Int(label)] = 0 }
        }
        return found.sorted {
            if $0.agreement != $1.agreement { return $0.agreement < $1.agreement }
            let (n0, n1) = (table.ratings(of: $0.item).count, table.ratings(of: $1.item).count)
            return n0 != n1 ? n0 > n1 : $0.item < $1.item
        }
    }

    /// Up to `limit` items on which one annotator gave `first` and another `second`, most disputed
    /// first (the order of `disagreements`).
    public static func examples(of first: Int, _ second: Int, in disagreements: [ItemDisagreement], table: AnnotationTable, limit: Int) -> [Int] {
        var items: [Int] = []
        for d in disagreements where items.count < limit {
            let labels = table.ratings(of: d.item).map { Int($0.label) }
            if labels.contains(first) && labels.contains(second) { items.append(d.item) }
        }
        return items
    }

    /// Per annotator, how they depart from the majority of the other annotators of an item, most
    /// frequent first: a systematic departure (neutral read as negative seven times) is a
    /// guideline or training issue with that annotator, not noise.
    public static func departures(_ table: AnnotationTable) -> [[Departure]] {
        var counts = [[Int: Int]](repeating: [:], count: table.annotators.count)
        let L = table.domain.count
        var labelCounts = [Int](repeating: 0, count: L)
        for item in 0..<table.itemCount {
            let ratings = table.ratings(of: item)
            guard ratings.count >= 3 else { continue }
            for r in ratings { labelCounts[Int(r.label)] += 1 }
            let others = ratings.count - 1
            for r in ratings {
                labelCounts[Int(r.label)] -= 1
                // The others' majority: a label given by more than half of them.
                for other in ratings where other.label != r.label && 2 * labelCounts[Int(other.label)] > others {
                    counts[Int(r.annotator)][Int(other.label) * L + Int(r.label), default: 0] += 1
                    break
                }
                labelCounts[Int(r.label)] += 1
            }
            for r in ratings { labelCounts[Int(r.label)] = 0 }
        }
        return counts.map { found in
            found.map { Departure(majority: $0.key / L, label: $0.key % L, count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : ($0.majority, $0.label) < ($1.majority, $1.label) }
        }
    }
}

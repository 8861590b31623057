/// How many annotators gave a label on one item.
public struct LabelCount: Sendable, Hashable {
    public var label: Int32
    public var count: Int32
}

/// Items grouped by their exact ratings (which annotator said which label), each group weighted by
/// how many items share it.
///
/// Every coefficient Sift computes depends on the items only through these ratings, so computing
/// on groups gives the same numbers as computing item by item, and a study of a million labels
/// over five labels collapses to a few hundred groups. The bootstrap draws items and only changes
/// the weights, so each resample is as cheap as a pass over the groups.
public struct RatingPatterns: Sendable {
    public let annotatorCount: Int
    public let labelCount: Int
    /// Items per group; a bootstrap resample replaces these.
    public var weights: [Double]
    let ratingOffsets: [Int]
    let ratings: [Rating]
    /// Distinct labels of a group with how many annotators chose each, in label order.
    let countOffsets: [Int]
    let labelCounts: [LabelCount]

    public var count: Int { weights.count }

    /// Number of labels on items of group `p` (the m_u of Krippendorff, the n_i of Fleiss).
    func size(_ p: Int) -> Int { ratingOffsets[p + 1] - ratingOffsets[p] }
    func ratings(_ p: Int) -> ArraySlice<Rating> { ratings[ratingOffsets[p]..<ratingOffsets[p + 1]] }
    func counts(_ p: Int) -> ArraySlice<LabelCount> { labelCounts[countOffsets[p]..<countOffsets[p + 1]] }

    /// Groups the items of `table`; `itemPattern[i]` is item `i`'s group.
    public static func grouping(_ table: AnnotationTable) -> (patterns: RatingPatterns, itemPattern: [Int32]) {
        var index: [ArraySlice<Rating>: Int32] = [:]
        var weights: [Double] = []
        var ratingOffsets = [0]
        var ratings: [Rating] = []
        var itemPattern = [Int32](repeating: 0, count: table.itemCount)
        for item in 0..<table.itemCount {
            let key = table.ratings(of: item)
            if let p = index[key] {
                weights[Int(p)] += 1
                itemPattern[item] = p
            } else {
                let p = Int32(weights.count)
                index[key] = p
                weights.append(1)
                ratings.append(contentsOf: key)
                ratingOffsets.append(ratings.count)
                itemPattern[item] = p
            }
        }
        var countOffsets = [0]
        var labelCounts: [LabelCount] = []
        for p in 0..<weights.count {
            let labels = ratings[ratingOffsets[p]..<ratingOffsets[p + 1]].map(\.label).sorted()
            var k = 0
            while k < labels.count {
                var end = k + 1
                while end < labels.count, labels[end] == labels[k] { end += 1 }
                labelCounts.append(LabelCount(label: labels[k], count: Int32(end - k)))
                k = end
            }
            countOffsets.append(labelCounts.count)
        }
        let patterns = RatingPatterns(annotatorCount: table.annotators.count, labelCount: table.domain.count, weights: weights,
                                      ratingOffsets: ratingOffsets, ratings: ratings, countOffsets: countOffsets, labelCounts: labelCounts)
        return (patterns, itemPattern)
    }

    /// The same groups with other weights (a resample, or a subset with zeros elsewhere).
    public func reweighted(_ weights: [Double]) -> RatingPatterns {
        precondition(weights.count == count)
        var copy = self
        copy.weights = weights
        return copy
    }

    /// Total weight of items with at least two labels: the items any agreement is measured on.
    var comparedWeight: Double {
        var total = 0.0
        for p in 0..<count where size(p) >= 2 { total += weights[p] }
        return total
    }
}

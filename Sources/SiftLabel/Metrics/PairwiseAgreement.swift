/// Two annotators' agreement on the items they both labelled.
public struct PairAgreement: Sendable {
    public var a: Int
    public var b: Int
    /// Items both labelled.
    public var items: Double
    public var kappa: MetricValue
    /// Share of those items on which they gave the same label.
    public var agreement: Double
}

/// Cohen's kappa for every pair of annotators that share items, and their mean.
///
/// The mean of pairwise Cohen's kappas is Light's kappa (Light 1971, "Measures of response
/// agreement for qualitative data", *Psychological Bulletin* 76(5); Conger 1980), the usual
/// headline for a pilot with a few annotators who label the same items. Sift takes the plain mean
/// over the pairs whose kappa is defined (pairs sharing no item, or with kappa undefined, are left
/// out and listed).
///
/// The pairs' observations are indexed once by rating group, so the bootstrap recomputes every
/// pair's confusion matrix from new group weights without touching the items again.
public struct PairwiseAgreement: Sendable {
    public let annotatorCount: Int
    public let labelCount: Int
    /// Pairs `(a, b)` with `a < b` that share at least one item, in annotator order.
    public let pairs: [(a: Int, b: Int)]
    private let offsets: [Int]
    /// For each pair, (group, confusion cell `la * L + lb`) of every group where both labelled.
    private let groups: [Int32]
    private let cells: [Int32]

    public init(_ patterns: RatingPatterns) {
        let A = patterns.annotatorCount
        let L = patterns.labelCount
        annotatorCount = A
        labelCount = L
        var counts: [Int: Int] = [:]
        for p in 0..<patterns.count {
            let r = patterns.ratings(p)
            for i in r.indices {
                for j in r.index(after: i)..<r.endIndex {
                    counts[Int(r[i].annotator) * A + Int(r[j].annotator), default: 0] += 1
                }
            }
        }
        let keys = counts.keys.sorted()
        var slot: [Int: Int] = [:]
        var offsets = [0]
        for key in keys {
            slot[key] = offsets.last!
            offsets.append(offsets.last! + counts[key]!)
        }
        var groups = [Int32](repeating: 0, count: offsets.last!)
        var cells = [Int32](repeating: 0, count: offsets.last!)
        for p in 0..<patterns.count {
            let r = patterns.ratings(p)
            for i in r.indices {
                for j in r.index(after: i)..<r.endIndex {
                    let key = Int(r[i].annotator) * A + Int(r[j].annotator)
                    let s = slot[key]!
                    groups[s] = Int32(p)
                    cells[s] = r[i].label * Int32(L) + r[j].label
                    slot[key] = s + 1
                }
            }
        }
        pairs = keys.map { ($0 / A, $0 % A) }
        self.offsets = offsets
        self.groups = groups
        self.cells = cells
    }

    /// The confusion matrix of pair `k` (row-major, rows are `pairs[k].a`'s labels) under the
    /// given group weights.
    public func confusion(_ k: Int, weights: [Double]) -> [Double] {
        var matrix = [Double](repeating: 0, count: labelCount * labelCount)
        for s in offsets[k]..<offsets[k + 1] { matrix[Int(cells[s])] += weights[Int(groups[s])] }
        return matrix
    }

    public func compute(_ weights: [Double], kappa kind: KappaWeights, allLabels: Bool) -> [PairAgreement] {
        let L = labelCount
        return pairs.indices.map { k in
            let matrix = confusion(k, weights: weights)
            var total = 0.0
            var agreeing = 0.0
            for i in 0..<L {
                for j in 0..<L { total += matrix[i * L + j] }
                agreeing += matrix[i * L + i]
            }
            let kappa = CohenKappa.fromConfusion(matrix, labelCount: L, weights: kind, allLabels: allLabels)
            return PairAgreement(a: pairs[k].a, b: pairs[k].b, items: total, kappa: kappa, agreement: total > 0 ? agreeing / total : 0)
        }
    }

    /// Light's kappa: the mean of the defined pairwise kappas.
    public static func mean(_ pairs: [PairAgreement]) -> MetricValue {
        let defined = pairs.compactMap(\.kappa.value)
        guard !defined.isEmpty else {
            return .undefined(pairs.isEmpty ? "no two annotators share a labelled item" : "kappa is undefined for every pair of annotators")
        }
        return .value(defined.reduce(0, +) / Double(defined.count))
    }
}

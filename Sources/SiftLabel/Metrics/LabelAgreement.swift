/// Agreement on one label: how reliably annotators recognise it.
public struct LabelStats: Sendable {
    public var label: Int
    /// Times the label was given (over all items).
    public var count: Double
    /// Items on which at least one annotator gave it.
    public var items: Double
    /// Proportion of specific agreement (below); undefined when the label never appears on an
    /// item that has another label.
    public var specificAgreement: MetricValue
}

/// Two different labels given to the same item by two annotators: a confusion between them.
public struct LabelConfusion: Sendable {
    /// Label ids, the smaller first (confusions are unordered).
    public var first: Int
    public var second: Int
    /// Annotator pairs over all items that split this way.
    public var count: Double
}

/// Per-label agreement and the label pairs annotators confuse: where guidelines need work.
///
/// Specific agreement for label `k` (Fleiss 1971, §4; Uebersax 1982, "A design-independent method
/// for measuring the reliability of psychiatric diagnosis", *J. Psychiatric Research* 17(4)):
/// given that one annotator chose `k` on an item, the chance that another annotator of the same
/// item chose `k` too,
///
///     ps_k = sum_i n_ik (n_ik - 1) / sum_i n_ik (m_i - 1)     over items with m_i >= 2.
///
/// With two annotators it is the familiar `2 n_kk / (n_k. + n_.k)` (positive agreement for `k`).
/// A confusion between labels `x != y` is counted once per pair of annotators on an item who gave
/// `x` and `y`: `sum_i n_ix n_iy`.
public enum LabelAgreement {
    public static func perLabel(_ patterns: RatingPatterns) -> [LabelStats] {
        let L = patterns.labelCount
        var count = [Double](repeating: 0, count: L)
        var items = [Double](repeating: 0, count: L)
        var agreeing = [Double](repeating: 0, count: L)
        var opportunities = [Double](repeating: 0, count: L)
        for p in 0..<patterns.count where patterns.weights[p] > 0 {
            let w = patterns.weights[p]
            let m = patterns.size(p)
            for c in patterns.counts(p) {
                let k = Int(c.label)
                let n = Double(c.count)
                count[k] += w * n
                items[k] += w
                if m >= 2 {
                    agreeing[k] += w * n * (n - 1)
                    opportunities[k] += w * n * Double(m - 1)
                }
            }
        }
        return (0..<L).map { k in
            let specific: MetricValue = opportunities[k] > 0
                ? .value(agreeing[k] / opportunities[k])
                : .undefined("never given on an item that another annotator labelled")
            return LabelStats(label: k, count: count[k], items: items[k], specificAgreement: specific)
        }
    }

    /// Every confused label pair, most frequent first (ties in label order).
    public static func confusions(_ patterns: RatingPatterns) -> [LabelConfusion] {
        var pairs: [Int: Double] = [:]
        let L = patterns.labelCount
        for p in 0..<patterns.count where patterns.weights[p] > 0 && patterns.size(p) >= 2 {
            let counts = patterns.counts(p)
            for i in counts.indices {
                for j in counts.index(after: i)..<counts.endIndex {
                    pairs[Int(counts[i].label) * L + Int(counts[j].label), default: 0] += patterns.weights[p] * Double(counts[i].count) * Double(counts[j].count)
                }
            }
        }
        return pairs.map { LabelConfusion(first: $0.key / L, second: $0.key % L, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : ($0.first, $0.second) < ($1.first, $1.second) }
    }
}

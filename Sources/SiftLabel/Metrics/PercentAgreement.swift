/// Observed agreement among annotators, before any correction for chance.
///
/// For an item `i` with `m_i >= 2` labels of which `n_ik` are label `k`, the share of annotator
/// pairs on the item that agree is `P_i = sum_k n_ik (n_ik - 1) / (m_i (m_i - 1))`. Percent
/// agreement is the mean of `P_i` over the items with at least two labels:
///
///     p_a = (1 / n') * sum_{i : m_i >= 2} P_i
///
/// With two annotators this is the share of co-labelled items on which they agree. It is the
/// `P-bar` of Fleiss (1971) extended to a varying number of labels per item, and the `p_a` of
/// Gwet, *Handbook of Inter-Rater Reliability* (4th ed., 2014), eq. 2.8 (irrCAC's `pa`). Items
/// with one label carry no agreement information and are left out.
public enum PercentAgreement {
    static let definition = AgreementMetric.Definition(.percentAgreement, title: "percent agreement") { coefficients, _ in coefficients.percentAgreement }

    public static func observed(_ patterns: RatingPatterns) -> MetricValue {
        var total = 0.0
        var weight = 0.0
        for p in 0..<patterns.count where patterns.size(p) >= 2 && patterns.weights[p] > 0 {
            total += patterns.weights[p] * itemAgreement(patterns.counts(p), size: patterns.size(p))
            weight += patterns.weights[p]
        }
        guard weight > 0 else { return .undefined(noComparableItems) }
        return .value(total / weight)
    }

    /// The share of items (with at least two labels) on which every annotator gave the same label.
    public static func unanimous(_ patterns: RatingPatterns) -> MetricValue {
        var agreeing = 0.0
        var weight = 0.0
        for p in 0..<patterns.count where patterns.size(p) >= 2 {
            weight += patterns.weights[p]
            if patterns.counts(p).count == 1 { agreeing += patterns.weights[p] }
        }
        guard weight > 0 else { return .undefined(noComparableItems) }
        return .value(agreeing / weight)
    }

    /// `P_i`: the share of annotator pairs on one item that gave the same label.
    static func itemAgreement(_ counts: ArraySlice<LabelCount>, size: Int) -> Double {
        var agreeingPairs = 0
        for c in counts { agreeingPairs += Int(c.count) * (Int(c.count) - 1) }
        return Double(agreeingPairs) / Double(size * (size - 1))
    }

    static let noComparableItems = "no item has labels from two or more annotators"
}

extension AgreementMetric {
    public static let percentAgreement = AgreementMetric(name: "percent_agreement")
}

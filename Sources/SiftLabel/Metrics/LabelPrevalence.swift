/// How often each label is used, averaged over items so that every item counts once however many
/// annotators labelled it: `pi_k = (1 / n) * sum_i n_ik / m_i` over the `n` items with at least one
/// label. This is the chance model of Scott's pi and Gwet's AC1 with missing labels (Gwet,
/// *Handbook of Inter-Rater Reliability*, 2014, ch. 2; irrCAC's `pi_vec`); on complete data it
/// equals Fleiss' `p_j`.
enum LabelPrevalence {
    static func of(_ patterns: RatingPatterns) -> [Double]? {
        var pi = [Double](repeating: 0, count: patterns.labelCount)
        var items = 0.0
        for p in 0..<patterns.count where patterns.weights[p] > 0 {
            let w = patterns.weights[p]
            let m = Double(patterns.size(p))
            items += w
            for c in patterns.counts(p) { pi[Int(c.label)] += w * Double(c.count) / m }
        }
        guard items > 0 else { return nil }
        return pi.map { $0 / items }
    }
}

/// Fleiss' kappa, as statsmodels' `fleiss_kappa(aggregate_raters(data)[0])` computes it.
///
/// Fleiss (1971), "Measuring nominal scale agreement among many raters", *Psychological Bulletin*
/// 76(5). With `N` items each labelled by the same number `m` of annotators, `n_ij` of them
/// choosing label `j`:
///
///     P_i = (sum_j n_ij^2 - m) / (m (m - 1))        P-bar = (1 / N) sum_i P_i
///     p_j = (1 / (N m)) sum_i n_ij                  P_e = sum_j p_j^2
///     kappa = (P-bar - P_e) / (1 - P_e)
///
/// The definition needs the same number of labels on every item (statsmodels asserts it). With
/// missing labels Sift computes it on the items that have the most common number of labels (two
/// or more; a tie goes to the larger number), and reports that number and how many items it used.
/// On complete data that is every item. `ScottPi` is the variant that uses every item.
public enum FleissKappa {
    static let definition = AgreementMetric.Definition(.fleissKappa, title: "Fleiss' kappa") { coefficients, _ in coefficients.fleiss.kappa }

    public struct Result: Sendable, Equatable {
        public var kappa: MetricValue
        /// Labels per item on the items used (0 when none qualified).
        public var labelsPerItem: Int
        /// Items used.
        public var items: Double
    }

    public static func compute(_ patterns: RatingPatterns) -> Result {
        var itemsBySize: [Int: Double] = [:]
        for p in 0..<patterns.count where patterns.size(p) >= 2 && patterns.weights[p] > 0 {
            itemsBySize[patterns.size(p), default: 0] += patterns.weights[p]
        }
        guard let m = itemsBySize.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key })?.key else {
            return Result(kappa: .undefined(PercentAgreement.noComparableItems), labelsPerItem: 0, items: 0)
        }
        var categoryTotals = [Double](repeating: 0, count: patterns.labelCount)
        var agreement = 0.0
        var items = 0.0
        for p in 0..<patterns.count where patterns.size(p) == m && patterns.weights[p] > 0 {
            let w = patterns.weights[p]
            var squares = 0
            for c in patterns.counts(p) {
                squares += Int(c.count) * Int(c.count)
                categoryTotals[Int(c.label)] += w * Double(c.count)
            }
            agreement += w * Double(squares - m) / Double(m * (m - 1))
            items += w
        }
        let meanAgreement = agreement / items
        let ratings = items * Double(m)
        let chance = categoryTotals.reduce(0) { $0 + ($1 / ratings) * ($1 / ratings) }
        let kappa: MetricValue = chance == 1
            ? .undefined("every item used has the same single label, so chance agreement is 1")
            : .finite((meanAgreement - chance) / (1 - chance), else: "chance agreement is 1")
        return Result(kappa: kappa, labelsPerItem: m, items: items)
    }
}

extension AgreementMetric {
    public static let fleissKappa = AgreementMetric(name: "fleiss_kappa")
}

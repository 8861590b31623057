/// Gwet's AC1, the agreement coefficient that stays stable when one label dominates (where kappa
/// and pi drop although annotators agree: the "kappa paradox").
///
/// Gwet (2008), "Computing inter-rater reliability and its variance in the presence of high
/// agreement", *British Journal of Mathematical and Statistical Psychology* 61(1); for many
/// annotators and missing labels, Gwet, *Handbook of Inter-Rater Reliability* (4th ed., 2014),
/// ch. 2 (irrCAC's `gwet()` with identity weights):
///
///     AC1 = (p_a - p_e) / (1 - p_e),   p_e = (1 / (q - 1)) * sum_k pi_k (1 - pi_k)
///
/// with `p_a` from `PercentAgreement`, `pi_k` from `LabelPrevalence`, and `q` the number of labels
/// in the study (the `--labels` given, else the labels used). Undefined when `q < 2`.
public enum GwetAC1 {
    static let definition = AgreementMetric.Definition(.gwetAC1, title: "Gwet's AC1", fromPatterns: compute)

    public static func compute(_ patterns: RatingPatterns) -> MetricValue {
        let q = patterns.labelCount
        guard q >= 2 else { return .undefined("AC1 needs at least two labels in the study; only one was used") }
        guard let observed = PercentAgreement.observed(patterns).value else { return .undefined(PercentAgreement.noComparableItems) }
        guard let pi = LabelPrevalence.of(patterns) else { return .undefined(PercentAgreement.noComparableItems) }
        let chance = pi.reduce(0) { $0 + $1 * (1 - $1) } / Double(q - 1)
        return .finite((observed - chance) / (1 - chance), else: "chance agreement is 1")
    }
}

extension AgreementMetric {
    public static let gwetAC1 = AgreementMetric(name: "gwet_ac1")
}

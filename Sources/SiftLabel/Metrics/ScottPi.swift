/// Scott's pi, for any number of annotators and with missing labels.
///
/// Scott (1955), "Reliability of content analysis: the case of nominal scale coding", *Public
/// Opinion Quarterly* 19(3): chance agreement is the agreement of two labels drawn from the pooled
/// label distribution. For many annotators and missing labels Sift uses the generalisation of
/// Gwet, *Handbook of Inter-Rater Reliability* (4th ed., 2014), ch. 2 (irrCAC's `fleiss()`,
/// "Fleiss' generalized kappa"):
///
///     pi = (p_a - p_e) / (1 - p_e),   p_e = sum_k pi_k^2
///
/// with `p_a` from `PercentAgreement` and `pi_k` from `LabelPrevalence`. With two annotators and
/// no missing labels this is Scott's original pi; with a constant number of labels per item it is
/// Fleiss' kappa. Undefined when every label is the same (`p_e = 1`).
public enum ScottPi {
    static let definition = AgreementMetric.Definition(.scottPi, title: "Scott's pi", fromPatterns: compute)

    public static func compute(_ patterns: RatingPatterns) -> MetricValue {
        guard let observed = PercentAgreement.observed(patterns).value else { return .undefined(PercentAgreement.noComparableItems) }
        guard let pi = LabelPrevalence.of(patterns) else { return .undefined(PercentAgreement.noComparableItems) }
        let chance = pi.reduce(0) { $0 + $1 * $1 }
        guard chance != 1 else { return .undefined("every label given is the same label, so chance agreement is 1") }
        return .finite((observed - chance) / (1 - chance), else: "chance agreement is 1")
    }
}

extension AgreementMetric {
    public static let scottPi = AgreementMetric(name: "scott_pi")
}

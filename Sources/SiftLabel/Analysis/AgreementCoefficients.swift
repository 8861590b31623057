/// Every study-wide coefficient, computed from one set of rating groups. The point estimates and
/// each bootstrap resample go through the same code, so the intervals describe these numbers.
public struct AgreementCoefficients: Sendable {
    public var percentAgreement: MetricValue
    public var unanimous: MetricValue
    public var pairs: [PairAgreement]
    public var cohenKappa: MetricValue
    public var fleiss: FleissKappa.Result
    /// Alpha at each level, in `MeasurementLevel` order.
    public var alpha: [MeasurementLevel: MetricValue]
    /// The registered metrics computed from the rating patterns alone (Scott's pi, Gwet's AC1, ...).
    public var patternMetrics: [AgreementMetric: MetricValue]

    public static func compute(_ patterns: RatingPatterns, pairwise: PairwiseAgreement, domain: LabelDomain,
                               options: AgreementOptions, levels: [MeasurementLevel] = MeasurementLevel.allCases) -> AgreementCoefficients {
        let pairs = pairwise.compute(patterns.weights, kappa: options.weights, allLabels: domain.isExplicit)
        var alpha: [MeasurementLevel: MetricValue] = [:]
        for level in levels { alpha[level] = KrippendorffAlpha.compute(patterns, level: level, domain: domain) }
        return AgreementCoefficients(
            percentAgreement: PercentAgreement.observed(patterns),
            unanimous: PercentAgreement.unanimous(patterns),
            pairs: pairs,
            cohenKappa: PairwiseAgreement.mean(pairs),
            fleiss: FleissKappa.compute(patterns),
            alpha: alpha,
            patternMetrics: Dictionary(uniqueKeysWithValues: AgreementMetric.registered.compactMap { definition in
                definition.fromPatterns.map { (definition.metric, $0(patterns)) }
            }))
    }

    /// The value of one metric (alpha at `level`).
    public func value(of metric: AgreementMetric, level: MeasurementLevel) -> MetricValue {
        metric.definition.value(self, level)
    }
}

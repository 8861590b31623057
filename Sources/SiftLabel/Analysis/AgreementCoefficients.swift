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
    public var scottPi: MetricValue
    public var gwetAC1: MetricValue

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
            scottPi: ScottPi.compute(patterns),
            gwetAC1: GwetAC1.compute(patterns))
    }

    /// The value of one metric (alpha at `level`).
    public func value(of metric: AgreementMetric, level: MeasurementLevel) -> MetricValue {
        switch metric {
        case .percentAgreement: return percentAgreement
        case .cohenKappa: return cohenKappa
        case .fleissKappa: return fleiss.kappa
        case .krippendorffAlpha: return alpha[level] ?? .undefined("alpha at the \(level.rawValue) level was not computed")
        case .scottPi: return scottPi
        case .gwetAC1: return gwetAC1
        }
    }
}

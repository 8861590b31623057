/// Time windows for drift (`--window`), in UTC. Weeks start on Monday (ISO 8601).
public enum TimeWindow: String, Sendable, CaseIterable {
    case day, week, month
}

/// How `sift agree` measures a study.
public struct AgreementOptions: Sendable {
    /// Weights of Cohen's kappa.
    public var weights: KappaWeights = .none
    /// Level of Krippendorff's alpha used for the headline and the bootstrap (all four are reported).
    public var level: MeasurementLevel = .nominal
    /// The headline metric: mean pairwise Cohen's kappa by default, the number the labelling
    /// workflow's "kappa > 0.7" gate refers to.
    public var metric: AgreementMetric = .cohenKappa
    public var threshold: Double = 0.7
    /// Bootstrap resamples (0 disables confidence intervals).
    public var bootstrap: Int = 1000
    public var seed: UInt64 = 1
    public var confidence: Double = 0.95
    public var window: TimeWindow = .week
    /// Items listed in `disagreements` (all are counted).
    public var disagreementLimit: Int = 1000

    public init() {}
}

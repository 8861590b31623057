/// A study-wide coefficient `sift agree` reports, bootstraps and can gate on (`--metric`).
///
/// The metrics are registered in one list, `AgreementMetric.registered`: a coefficient computed
/// from the rating patterns alone is one file (its computation and its `Definition`) plus one line
/// there, and it appears in the terminal table, the JSON (under its name), the bootstrap
/// intervals, the time windows and `--metric`. Cohen's kappa (per pair, with weights), Fleiss'
/// kappa (with its item count) and Krippendorff's alpha (four levels) carry more than one number
/// and keep their own fields in `AgreementCoefficients`.
public struct AgreementMetric: Hashable, Sendable, RawRepresentable, CaseIterable, CustomStringConvertible {
    /// The name in `--metric`, the JSON and the parity scripts.
    public let rawValue: String

    public init?(rawValue: String) {
        guard let known = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = known
    }

    init(name: String) { rawValue = name }

    public var description: String { rawValue }

    /// Every metric, in report order.
    public static var allCases: [AgreementMetric] { registered.map(\.metric) }

    /// How a metric is named and where its value comes from.
    public struct Definition: Sendable {
        public let metric: AgreementMetric
        /// How reports name it.
        public let title: String
        let value: @Sendable (AgreementCoefficients, MeasurementLevel) -> MetricValue
        /// Set for a coefficient of the rating patterns alone: computed into
        /// `AgreementCoefficients.patternMetrics` and written to the JSON under its name.
        let fromPatterns: (@Sendable (RatingPatterns) -> MetricValue)?

        init(_ metric: AgreementMetric, title: String, value: @escaping @Sendable (AgreementCoefficients, MeasurementLevel) -> MetricValue) {
            self.metric = metric
            self.title = title
            self.value = value
            fromPatterns = nil
        }

        init(_ metric: AgreementMetric, title: String, fromPatterns: @escaping @Sendable (RatingPatterns) -> MetricValue) {
            self.metric = metric
            self.title = title
            value = { coefficients, _ in coefficients.patternMetrics[metric] ?? .undefined("\(metric.rawValue) was not computed") }
            self.fromPatterns = fromPatterns
        }
    }

    /// The registry: report order.
    static let registered: [Definition] = [
        PercentAgreement.definition,
        CohenKappa.definition,
        FleissKappa.definition,
        KrippendorffAlpha.definition,
        ScottPi.definition,
        GwetAC1.definition,
    ]

    /// This metric's definition.
    public var definition: Definition { Self.registered.first { $0.metric == self }! }

    /// How reports name the metric.
    public var title: String { definition.title }
}

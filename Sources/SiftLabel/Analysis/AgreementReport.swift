/// Agreement in one time window.
public struct WindowAgreement: Sendable {
    /// First day of the window (days since 1970-01-01, UTC).
    public var start: Int
    public var items: Int
    public var labels: Int
    /// The headline metric on the window's items.
    public var value: MetricValue
    public var percentAgreement: MetricValue
}

/// Everything `sift agree` found about a study; rendered as terminal summary, JSON, Markdown and
/// HTML by the `AgreementReport+...` files.
public struct AgreementReport: Sendable {
    public var table: AnnotationTable
    public var input: AnnotationInput
    public var options: AgreementOptions
    public var coefficients: AgreementCoefficients
    /// Items with labels from at least two annotators (the ones agreement is measured on).
    public var comparedItems: Int
    /// Labels given by each annotator.
    public var labelsByAnnotator: [Int]
    /// Bootstrap intervals of the headline metrics; a metric is absent when it was undefined in
    /// every resample or the bootstrap was off.
    public var intervals: [AgreementMetric: ConfidenceInterval]
    public var perLabel: [LabelStats]
    public var confusions: [LabelConfusion]
    /// Confusion matrix of each pair in `coefficients.pairs` (row-major over the study's labels).
    public var pairConfusions: [[Double]]
    public var disagreements: [ItemDisagreement]
    /// Per annotator, departures from the other annotators' majority, most frequent first.
    public var departures: [[Departure]]
    public var gold: GoldComparison.Result?
    public var windows: [WindowAgreement]?
    /// The headline metric's value and the verdict against the threshold.
    public var headline: MetricValue
    public var passed: Bool

    /// Metrics that get bootstrap intervals, in report order.
    public static var intervalMetrics: [AgreementMetric] { AgreementMetric.allCases }

    /// Annotator names of a pair.
    public func names(_ pair: PairAgreement) -> (String, String) { (table.annotators[pair.a], table.annotators[pair.b]) }

    public func label(_ id: Int) -> String { table.domain.names[id] }

    /// Items where no label has more than half of the item's labels.
    public var noMajority: [ItemDisagreement] { disagreements.filter { $0.majority == nil } }

    /// Mean kappa of each annotator with the others (nil when no pair with them is defined): the
    /// quickest pointer to an annotator who reads the guidelines differently.
    public var meanKappaByAnnotator: [Double?] {
        var sums = [Double](repeating: 0, count: table.annotators.count)
        var counts = [Int](repeating: 0, count: table.annotators.count)
        for pair in coefficients.pairs {
            guard let k = pair.kappa.value else { continue }
            sums[pair.a] += k; counts[pair.a] += 1
            sums[pair.b] += k; counts[pair.b] += 1
        }
        return sums.indices.map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
    }
}

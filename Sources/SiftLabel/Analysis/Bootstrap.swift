import SiftCore

/// A percentile confidence interval from a bootstrap.
public struct ConfidenceInterval: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    /// Resamples in which the metric was defined (the interval is over these).
    public var replicates: Int
}

/// Confidence intervals by resampling items (Efron & Tibshirani 1993, *An Introduction to the
/// Bootstrap*, ch. 13, percentile method): error bars for kappa and alpha that need no
/// distributional assumption, which matters on pilot-sized studies of 50 items.
///
/// Each resample draws as many items as the study has, with replacement, and recomputes the
/// metrics on them. An item is drawn whole, with all its labels, because items, not single labels,
/// are the independent units. The interval is the `(1 - confidence) / 2` and `(1 + confidence) / 2`
/// quantiles of the resampled values, interpolated linearly between order statistics (NumPy's
/// default `percentile`). Resample `r` uses its own `SplitMix64` stream seeded from `(seed, r)`,
/// so results depend only on the seed, not on the number of threads.
public struct Bootstrap: Sendable {
    public var replicates: Int
    public var seed: UInt64
    public var confidence: Double

    public init(replicates: Int, seed: UInt64, confidence: Double = 0.95) {
        self.replicates = replicates
        self.seed = seed
        self.confidence = confidence
    }

    /// Runs the resamples. `itemPattern` maps items to rating groups; `statistics` turns group
    /// weights into values (nil where undefined), the same number of values every time.
    public func intervals(itemPattern: [Int32], patternCount: Int, statistics: @Sendable ([Double]) -> [Double?]) -> [ConfidenceInterval?] {
        guard replicates > 0, !itemPattern.isEmpty else { return [] }
        let seed = self.seed
        let samples = parallelMap(count: replicates, minimumPerSlice: 1) { r in
            var random = SplitMix64.resample(r, seed: seed)
            var weights = [Double](repeating: 0, count: patternCount)
            for _ in 0..<itemPattern.count { weights[Int(itemPattern[random.below(itemPattern.count)])] += 1 }
            return statistics(weights)
        }
        let metrics = samples.first?.count ?? 0
        return (0..<metrics).map { m in
            let values = samples.compactMap { $0[m] }.sorted()
            guard !values.isEmpty else { return nil }
            return ConfidenceInterval(lower: Self.quantile(values, (1 - confidence) / 2),
                                      upper: Self.quantile(values, (1 + confidence) / 2), replicates: values.count)
        }
    }

    /// Linear interpolation between order statistics (NumPy `percentile`, method "linear").
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down))
        guard lo + 1 < sorted.count else { return sorted[lo] }
        return sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo])
    }
}

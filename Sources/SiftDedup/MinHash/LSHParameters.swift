import Foundation
import SiftCore

/// How a MinHash signature is cut for locality-sensitive hashing: `bands` bands of `rows` values.
/// Two documents become a candidate pair when all rows of at least one band agree, which for
/// Jaccard similarity `s` happens with probability `P(s) = 1 − (1 − s^rows)^bands`: an S-curve whose
/// steep part sits near `(1/bands)^(1/rows)`.
public struct LSHParameters: Sendable, Equatable, CustomStringConvertible {
    public var bands: Int
    public var rows: Int

    public init(bands: Int, rows: Int) {
        self.bands = bands
        self.rows = rows
    }

    public var description: String { "\(bands) bands × \(rows) rows" }

    /// Probability that a pair of Jaccard similarity `s` shares at least one band.
    public func candidateProbability(_ s: Double) -> Double {
        1 - pow(1 - pow(s, Double(rows)), Double(bands))
    }

    /// The false-positive area: ∫₀ᵗ P(s) ds, the chance mass of pairs below the threshold that
    /// still become candidates (datasketch's `_false_positive_probability`).
    public func falsePositiveProbability(threshold: Double) -> Double {
        Self.integrate(0, threshold) { candidateProbability($0) }
    }

    /// The false-negative area: ∫ₜ¹ (1 − P(s)) ds (datasketch's `_false_negative_probability`).
    public func falseNegativeProbability(threshold: Double) -> Double {
        Self.integrate(threshold, 1) { 1 - candidateProbability($0) }
    }

    /// Sift's default weights: false negatives count nine times as much as false positives. Sift
    /// checks every candidate pair against the signature estimate (and with `--verify` against
    /// exact Jaccard) before calling it a duplicate, so a false-positive candidate costs one
    /// comparison, while a false negative is a duplicate left in the data. datasketch's
    /// `MinHashLSH` returns candidates unchecked and weighs both 0.5.
    public static let defaultWeights = (falsePositive: 0.1, falseNegative: 0.9)

    /// The banding that minimises `wFP · falsePositiveProbability + wFN · falseNegativeProbability`
    /// over all `bands × rows ≤ numPerm` (bands outer, rows inner, first minimum kept): exactly the
    /// search of datasketch's `_optimal_param` (datasketch/lsh.py), so that with the same weights
    /// both choose the same banding (threshold 0.8, 128 permutations: 9 × 13 with datasketch's
    /// (0.5, 0.5); 14 × 9 with Sift's (0.1, 0.9)). datasketch integrates with SciPy's `quad`; Sift
    /// with adaptive Simpson to 1e-12, which agrees to far below the gaps between candidates.
    public static func optimal(threshold: Double, numPerm: Int,
                               falsePositiveWeight: Double = defaultWeights.falsePositive,
                               falseNegativeWeight: Double = defaultWeights.falseNegative) -> LSHParameters {
        precondition(threshold > 0 && threshold <= 1 && numPerm >= 1)
        // Each band count's rows are searched on any core (hundreds of integrals in all); taking
        // the first minimum of each, then the first minimum over band counts in order, is the
        // same choice as one search in that order.
        let perBands = parallelMap(count: numPerm, minimumPerSlice: 4) { index -> (LSHParameters, Double) in
            let bands = index + 1
            var best = LSHParameters(bands: bands, rows: 1)
            var minimum = Double.infinity
            for rows in 1...(numPerm / bands) {
                let candidate = LSHParameters(bands: bands, rows: rows)
                let error = falsePositiveWeight * candidate.falsePositiveProbability(threshold: threshold)
                    + falseNegativeWeight * candidate.falseNegativeProbability(threshold: threshold)
                if error < minimum {
                    minimum = error
                    best = candidate
                }
            }
            return (best, minimum)
        }
        var best = LSHParameters(bands: 1, rows: 1)
        var minimum = Double.infinity
        for (candidate, error) in perBands where error < minimum {
            minimum = error
            best = candidate
        }
        return best
    }

    /// Adaptive Simpson quadrature (Kuncir 1962), tolerance 1e-12: the integrands are smooth
    /// S-curves, so a few hundred evaluations suffice.
    static func integrate(_ a: Double, _ b: Double, _ f: (Double) -> Double) -> Double {
        guard b > a else { return 0 }
        func simpson(_ a: Double, _ fa: Double, _ b: Double, _ fb: Double) -> (m: Double, fm: Double, area: Double) {
            let m = (a + b) / 2
            let fm = f(m)
            return (m, fm, (b - a) / 6 * (fa + 4 * fm + fb))
        }
        func refine(_ a: Double, _ fa: Double, _ b: Double, _ fb: Double, _ whole: (m: Double, fm: Double, area: Double),
                    _ tolerance: Double, _ depth: Int) -> Double {
            let left = simpson(a, fa, whole.m, whole.fm)
            let right = simpson(whole.m, whole.fm, b, fb)
            let delta = left.area + right.area - whole.area
            if depth <= 0 || abs(delta) <= 15 * tolerance { return left.area + right.area + delta / 15 }
            return refine(a, fa, whole.m, whole.fm, left, tolerance / 2, depth - 1)
                + refine(whole.m, whole.fm, b, fb, right, tolerance / 2, depth - 1)
        }
        let fa = f(a)
        let fb = f(b)
        return refine(a, fa, b, fb, simpson(a, fa, b, fb), 1e-12, 40)
    }
}

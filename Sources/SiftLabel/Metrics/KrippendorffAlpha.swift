/// The level of measurement of the labels, which decides how far apart two different labels are.
public enum MeasurementLevel: String, Sendable, CaseIterable {
    case nominal, ordinal, interval, ratio
}

/// Krippendorff's alpha with missing labels, exactly as the `krippendorff` Python package's
/// `alpha(reliability_data, level_of_measurement=...)` computes it.
///
/// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability" (Annenberg School for
/// Communication, University of Pennsylvania); *Content Analysis* (4th ed., 2018), ch. 12. Every
/// item `u` with `m_u >= 2` labels contributes to the coincidence matrix
///
///     o_ck = sum_u (n_uc n_uk - [c = k] n_uc) / (m_u - 1)
///
/// (items with fewer than two labels contribute nothing: that is how missing labels are handled).
/// With `n_c = sum_k o_ck`, `n = sum_c n_c` and the chance coincidences
/// `e_ck = (n_c n_k - [c = k] n_c) / (n - 1)`:
///
///     alpha = 1 - sum_ck o_ck d_ck / sum_ck e_ck d_ck
///
/// The distance `d_ck` between labels `c` and `k` (positions `c <= k` in label order, values `v`):
/// - nominal: `0` if `c = k`, else `1`;
/// - ordinal: `(sum_{g = c..k} n_g - (n_c + n_k) / 2)^2`, computed on the coincidence counts
///   `n_g` of the labels between them (ranks of the value counts, not the values);
/// - interval: `(v_c - v_k)^2`;
/// - ratio: `((v_c - v_k) / (v_c + v_k))^2`, `0` when `v_c + v_k = 0` (as the package does).
///
/// Interval and ratio need numeric labels; ordinal needs an order (numeric labels or `--labels`).
/// Undefined (the package raises, or returns NaN) when the study has fewer than two labels, no item
/// has two labels, or the expected disagreement is 0.
public enum KrippendorffAlpha {
    static let definition = AgreementMetric.Definition(.krippendorffAlpha, title: "Krippendorff's alpha") { coefficients, level in
        coefficients.alpha[level] ?? .undefined("alpha at the \(level.rawValue) level was not computed")
    }

    public static func compute(_ patterns: RatingPatterns, level: MeasurementLevel, domain: LabelDomain) -> MetricValue {
        let V = patterns.labelCount
        switch level {
        case .nominal: break
        case .ordinal:
            guard domain.isOrdered else {
                return .undefined("ordinal alpha needs ordered labels: the labels are not numbers; give their order with --labels")
            }
        case .interval, .ratio:
            guard domain.values != nil else { return .undefined("\(level.rawValue) alpha needs numeric labels") }
        }
        guard V >= 2 else { return .undefined("alpha needs at least two distinct labels in the study; only one was used") }

        // Coincidences, kept per label pair that actually co-occurs (dense V x V).
        var coincidence = [Double](repeating: 0, count: V * V)
        var pairable = false
        for p in 0..<patterns.count {
            let m = patterns.size(p)
            let w = patterns.weights[p]
            guard m >= 2, w > 0 else { continue }
            pairable = true
            let counts = patterns.counts(p)
            let scale = w / Double(m - 1)
            for c in counts {
                for k in counts {
                    let nc = Double(c.count)
                    let pairs = c.label == k.label ? nc * nc - nc : nc * Double(k.count)
                    coincidence[Int(c.label) * V + Int(k.label)] += pairs * scale
                }
            }
        }
        guard pairable else { return .undefined(PercentAgreement.noComparableItems) }
        var n = [Double](repeating: 0, count: V)
        for c in 0..<V {
            for k in 0..<V { n[k] += coincidence[c * V + k] }
        }
        let total = n.reduce(0, +)
        let distance = distances(level: level, n: n, values: domain.values)
        var observed = 0.0
        for c in 0..<V {
            for k in 0..<V where c != k { observed += coincidence[c * V + k] * distance(c, k) }
        }
        let expected = expectedDisagreement(level: level, n: n, total: total, values: domain.values, distance: distance)
        guard expected != 0 else { return .undefined("every label paired within an item is the same label, so expected disagreement is 0") }
        return .finite(1 - observed / expected, else: "expected disagreement is 0")
    }

    /// `d(c, k)` for label ids (positions). Ordinal distances use cumulative coincidence counts.
    static func distances(level: MeasurementLevel, n: [Double], values: [Double]?) -> (Int, Int) -> Double {
        switch level {
        case .nominal:
            return { c, k in c == k ? 0 : 1 }
        case .ordinal:
            // Range sums accumulated label by label from each start (no prefix-sum differences,
            // which would cancel when one label dominates).
            let V = n.count
            var table = [Double](repeating: 0, count: V * V)
            for lo in 0..<V {
                var between = 0.0
                for hi in lo..<V {
                    between += n[hi]
                    let d = between - (n[lo] + n[hi]) / 2
                    table[lo * V + hi] = d * d
                    table[hi * V + lo] = d * d
                }
            }
            return { c, k in table[c * V + k] }
        case .interval:
            let v = values!
            return { c, k in (v[c] - v[k]) * (v[c] - v[k]) }
        case .ratio:
            let v = values!
            return { c, k in
                let sum = v[c] + v[k]
                guard sum != 0 else { return 0 }
                let r = (v[c] - v[k]) / sum
                return r * r
            }
        }
    }

    /// `sum_ck e_ck d_ck`. Nominal and interval have forms linear in the number of labels (the
    /// interval one centred, so large values do not cancel); ordinal and ratio sum label pairs.
    static func expectedDisagreement(level: MeasurementLevel, n: [Double], total: Double, values: [Double]?,
                                     distance: (Int, Int) -> Double) -> Double {
        let V = n.count
        switch level {
        case .nominal:
            // sum_{c != k} n_c n_k = sum_c n_c * (the others' total), the others' total summed
            // from both sides (not `total - n_c`, which cancels when one label dominates).
            var before = [Double](repeating: 0, count: V + 1)
            for c in 0..<V { before[c + 1] = before[c] + n[c] }
            var after = 0.0
            var sum = 0.0
            for c in stride(from: V - 1, through: 0, by: -1) {
                sum += n[c] * (before[c] + after)
                after += n[c]
            }
            return sum / (total - 1)
        case .interval:
            // sum_ck n_c n_k (v_c - v_k)^2 = 2 n sum_c n_c (v_c - mean)^2
            let v = values!
            var mean = 0.0
            for c in 0..<V { mean += n[c] * v[c] }
            mean /= total
            var spread = 0.0
            for c in 0..<V { spread += n[c] * (v[c] - mean) * (v[c] - mean) }
            return 2 * total * spread / (total - 1)
        case .ordinal, .ratio:
            var sum = 0.0
            for c in 0..<V where n[c] > 0 {
                for k in 0..<V where k != c && n[k] > 0 { sum += n[c] * n[k] * distance(c, k) }
            }
            return sum / (total - 1)
        }
    }
}

extension AgreementMetric {
    public static let krippendorffAlpha = AgreementMetric(name: "krippendorff_alpha")
}

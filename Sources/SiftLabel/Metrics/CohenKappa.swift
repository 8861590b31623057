/// How disagreements between ordered labels are weighted in Cohen's kappa.
public enum KappaWeights: String, Sendable, CaseIterable {
    /// Every disagreement counts fully (Cohen 1960).
    case none
    /// A disagreement counts by the distance between the labels' positions, `|i - j|`.
    case linear
    /// By the squared distance, `(i - j)^2` (Cohen 1968; Fleiss & Cohen 1973).
    case quadratic
}

/// Cohen's kappa between two annotators, exactly as scikit-learn's
/// `cohen_kappa_score(y1, y2, labels=..., weights=...)` computes it.
///
/// Cohen (1960), "A coefficient of agreement for nominal scales", *Educational and Psychological
/// Measurement* 20(1); weighted: Cohen (1968), *Psychological Bulletin* 70(4). With `C` the
/// confusion matrix of the items both annotators labelled (rows: the first annotator's labels),
/// `N` its total, `E_ij = rowsum_i * colsum_j / N` the counts expected by chance and `W` the
/// disagreement weights (`1 - [i = j]`, `|i - j|` or `(i - j)^2` on label positions):
///
///     kappa = 1 - sum(W * C) / sum(W * E)
///
/// Which labels form the matrix decides the positions, so it follows scikit-learn: with
/// `--labels`, all of them in that order (`labels=`); otherwise only the labels that this pair used
/// on its shared items, in the study's label order (`labels=None`, which sorts the union of both
/// label lists). Items that one of the two annotators skipped are left out (pairwise complete).
/// Undefined when the pair shares no item, or when `sum(W * E) = 0` (both used one same label):
/// scikit-learn returns NaN there.
public enum CohenKappa {
    static let definition = AgreementMetric.Definition(.cohenKappa, title: "Cohen's kappa (mean of pairs)") { coefficients, _ in coefficients.cohenKappa }

    /// Kappa from an `L x L` confusion matrix in row-major order over the study's labels.
    /// `allLabels` keeps absent labels in the positions (the `--labels` case).
    public static func fromConfusion(_ confusion: [Double], labelCount: Int, weights: KappaWeights, allLabels: Bool) -> MetricValue {
        let L = labelCount
        var rowSums = [Double](repeating: 0, count: L)
        var columnSums = [Double](repeating: 0, count: L)
        for i in 0..<L {
            for j in 0..<L {
                let c = confusion[i * L + j]
                rowSums[i] += c
                columnSums[j] += c
            }
        }
        // Positions: every label, or the labels this pair used (sklearn's `unique_labels`).
        var position = [Int](repeating: -1, count: L)
        var used = 0
        for k in 0..<L where allLabels || rowSums[k] > 0 || columnSums[k] > 0 {
            position[k] = used
            used += 1
        }
        let total = rowSums.reduce(0, +)
        guard total > 0 else { return .undefined("the two annotators share no labelled item") }
        var observed = 0.0
        var expected = 0.0
        for i in 0..<L where position[i] >= 0 {
            for j in 0..<L where position[j] >= 0 {
                let w = weight(position[i], position[j], weights)
                guard w != 0 else { continue }
                observed += w * confusion[i * L + j]
                expected += w * (rowSums[i] * columnSums[j] / total)
            }
        }
        guard expected != 0 else {
            return .undefined("both annotators gave one same label on all their shared items, so chance agreement is 1")
        }
        return .finite(1 - observed / expected, else: "chance agreement is 1")
    }

    static func weight(_ i: Int, _ j: Int, _ weights: KappaWeights) -> Double {
        switch weights {
        case .none: return i == j ? 0 : 1
        case .linear: return Double(abs(i - j))
        case .quadratic: return Double((i - j) * (i - j))
        }
    }
}

extension AgreementMetric {
    public static let cohenKappa = AgreementMetric(name: "cohen_kappa")
}

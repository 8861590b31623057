/// The metrics a learning curve reports, defined as scikit-learn defines them.
public enum CurveMetric: String, Sendable, CaseIterable {
    case accuracy
    /// `sklearn.metrics.f1_score(average="macro")`: the unweighted mean of per-class F1 over the
    /// classes that occur in the truth or the predictions, F1 = 2TP / (2TP + FP + FN).
    case macroF1 = "macro_f1"

    public func score(truth: [Int], predicted: [Int], classCount: Int) -> Double {
        precondition(truth.count == predicted.count && !truth.isEmpty)
        switch self {
        case .accuracy:
            return Double(zip(truth, predicted).filter { $0 == $1 }.count) / Double(truth.count)
        case .macroF1:
            var tp = [Int](repeating: 0, count: classCount), fp = tp, fn = tp
            for (t, p) in zip(truth, predicted) {
                if t == p { tp[t] += 1 } else { fp[p] += 1; fn[t] += 1 }
            }
            var sum = 0.0, classes = 0
            for c in 0..<classCount where tp[c] + fp[c] + fn[c] > 0 {
                sum += 2 * Double(tp[c]) / Double(2 * tp[c] + fp[c] + fn[c])
                classes += 1
            }
            return sum / Double(classes)
        }
    }
}

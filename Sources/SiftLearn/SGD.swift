import Foundation
import SiftCore

/// Stochastic gradient descent on the same objective `LBFGS` minimises (see `LogisticRegression`),
/// the default solver: a learner that measures data must train in a few passes, not a hundred.
///
/// One epoch visits every row once, in an order shuffled per epoch (Fisher-Yates with
/// `SplitMix64(seed)`). At update t of T = epochs x n the step is
///
///     eta_t = eta_0 (1 - t / T)        (linear decay to zero, as fastText; Joulin et al. 2017)
///
/// and the update is the exact gradient step of row i's share of the objective,
/// `W <- (1 - eta_t lambda) W - eta_t (softmax(W x_i + b) - onehot(y_i)) x_i^T`, `b` likewise
/// without the penalty. The shrink by `(1 - eta_t lambda)` touches every weight, so it is kept as
/// one scale factor in front of the weights (Bottou, "Stochastic Gradient Descent Tricks", 2012,
/// section 5.1) and each update costs only the row's non-zeros times the class count.
///
/// eta_0 = 2, so the schedule's mean step is 1 = 1/L: Sift's rows have unit L2 norm, so with the
/// intercept a row's share of the objective has a 1-Lipschitz gradient (the softmax Hessian is at
/// most 1/2 in norm and the row with its intercept has squared norm 2). Of 0.5, 1, 2 and 4, 2 came
/// closest to the L-BFGS optimum's held-out accuracy in the fewest epochs on the speed benchmark's
/// texts.
///
/// Epochs: `epochs` when set, otherwise five, but at least 50,000 and at most 240,000 updates
/// (within 3 to 200 epochs): 100 rows get 200 epochs, 1,000 get 50, 10,000 to 48,000 get 5,
/// 100,000 get 3. Measured against L-BFGS run to its tolerance on the benchmark's texts
/// (docs/learn.md): from 100 to 20,000 training rows the held-out accuracy is within 0.5 points;
/// at 40,000, 3 and 5 epochs differ by 0.1 point; on 100,000 rows three epochs beat
/// scikit-learn's 100 L-BFGS iterations by 0.9 points.
///
/// Deterministic on any thread count: one fit runs on one thread, in the seeded order. The seed is
/// the learner's own (not a command's `--seed`, which picks subsets and folds), so a model
/// depends only on its training rows and their order.
public struct SGD: Sendable {
    public var epochs: Int?
    public var initialStep: Double
    public var seed: UInt64

    public init(epochs: Int? = nil, initialStep: Double = 2, seed: UInt64 = 0x5EED) {
        self.epochs = epochs
        self.initialStep = initialStep
        self.seed = seed
    }

    /// Updates of the default schedule: five epochs, but at least 50,000 updates (small sets) and
    /// at most 240,000 (large ones); then at least 3 and at most 200 epochs.
    func epochCount(rows n: Int) -> Int {
        if let epochs { return epochs }
        let updates = max(50_000, min(5 * n, 240_000))
        return min(200, max(3, (updates + n - 1) / n))
    }

    /// The weights (column-major, as `LogisticRegression` stores them) and the intercepts.
    ///
    /// Arithmetic is in `Float`, eight classes per SIMD lane group: a column's weights sit in one
    /// 64-byte cache line for up to 16 classes, so a row's update touches one line per non-zero
    /// instead of two. Training is bound by the latency of those scattered reads (n-gram columns
    /// number in the hundreds of thousands), not by arithmetic. The softmax is in `Double`.
    func train(_ matrix: FeatureMatrix, labels: [Int], classCount k: Int, lambda: Double) -> (weights: [Double], bias: [Double], epochs: Int) {
        let n = matrix.rowCount
        let epochs = epochCount(rows: n)
        let totalUpdates = Double(epochs * n)
        // A step of 1/lambda would zero every weight in one shrink; tiny sets with their strong
        // per-row penalty (lambda = 1/(C n)) are held to half of that.
        let maximumStep = 0.5 / lambda
        let groups = (k + 7) / 8
        let lanes = groups * 8
        let slots = matrix.columnCount * groups
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, slots) * MemoryLayout<SIMD8<Float>>.stride, alignment: 64)
        defer { raw.deallocate() }
        let weights = raw.bindMemory(to: SIMD8<Float>.self, capacity: slots)
        weights.initialize(repeating: .zero, count: slots)
        let values = matrix.values.map(Float.init)
        var bias = [Double](repeating: 0, count: k)
        var order = Array(0..<n)
        var generator = SplitMix64(seed: seed)
        // The weights are `scale * weights`; rescaled into the array before `scale` gets small
        // enough to cost precision.
        var scale = 1.0
        var update = 0
        var scores = [SIMD8<Float>](repeating: .zero, count: groups)
        var residuals = [Double](repeating: 0, count: lanes)
        var gradient = [SIMD8<Float>](repeating: .zero, count: groups)
        // Unchecked buffers: this loop is the whole cost of training.
        matrix.rowStart.withUnsafeBufferPointer { rowStart in
        matrix.columns.withUnsafeBufferPointer { columns in
        values.withUnsafeBufferPointer { values in
        bias.withUnsafeMutableBufferPointer { bias in
        scores.withUnsafeMutableBufferPointer { scores in
        residuals.withUnsafeMutableBufferPointer { residuals in
        gradient.withUnsafeMutableBufferPointer { gradient in
            for _ in 0..<epochs {
                order.shuffle(using: &generator)
                for r in order {
                    let step = min(initialStep * (1 - Double(update) / totalUpdates), maximumStep)
                    update += 1
                    for g in 0..<groups { scores[g] = .zero }
                    for p in rowStart[r]..<rowStart[r + 1] {
                        let base = Int(columns[p]) &* groups
                        let x = values[p]
                        for g in 0..<groups { scores[g] += x * weights[base &+ g] }
                    }
                    var top = -Double.infinity
                    for c in 0..<k {
                        residuals[c] = Double(scores[c / 8][c % 8]) * scale + bias[c]
                        top = max(top, residuals[c])
                    }
                    var total = 0.0
                    for c in 0..<k {
                        residuals[c] = exp(residuals[c] - top)
                        total += residuals[c]
                    }
                    for c in 0..<k { residuals[c] /= total }
                    residuals[labels[r]] -= 1
                    scale *= 1 - step * lambda
                    let factor = step / scale
                    for c in 0..<k {
                        gradient[c / 8][c % 8] = Float(residuals[c] * factor)
                        bias[c] -= step * residuals[c]
                    }
                    for p in rowStart[r]..<rowStart[r + 1] {
                        let base = Int(columns[p]) &* groups
                        let x = values[p]
                        for g in 0..<groups { weights[base &+ g] -= x * gradient[g] }
                    }
                    if scale < 1e-6 {
                        for i in 0..<slots { weights[i] *= Float(scale) }
                        scale = 1
                    }
                }
            }
        }}}}}}}
        var out = [Double](repeating: 0, count: matrix.columnCount * k)
        for j in 0..<matrix.columnCount {
            for c in 0..<k { out[j * k + c] = Double(weights[j * groups + c / 8][c % 8]) * scale }
        }
        return (out, bias, epochs)
    }
}

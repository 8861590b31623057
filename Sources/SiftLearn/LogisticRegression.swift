import Foundation
import SiftCore

/// Multinomial logistic regression with L2, the learner behind `sift curve` and
/// `sift label-errors`. It is there to measure data, not to win benchmarks.
///
/// Objective (the one scikit-learn's `LogisticRegression(C=C)` minimises, divided by n):
///
///     f(W, b) = (1/n) Σ_i −log softmax(W x_i + b)[y_i] + (1 / (2 C n)) ‖W‖²
///
/// with a weight vector per class (K full sets, as sklearn's multinomial solver) and unpenalised
/// intercepts. Default C = 1, sklearn's default. Minimised from zero by `SGD` (default) or `LBFGS`.
///
/// Determinism: the objective is evaluated on fixed blocks of rows (residuals) and fixed blocks of
/// columns (gradient), each summed in a fixed order, and the blocks are combined in order; the
/// thread count only decides who computes a block, so 1 and 2 threads give bit-identical models.
public struct LogisticRegression: Sendable {
    /// How the objective is minimised: `sgd` (the default) in a few seeded passes, or `lbfgs` to
    /// the optimum, as scikit-learn's `solver="lbfgs"` (slower by the number of iterations it takes).
    public enum Solver: Sendable {
        case sgd(SGD)
        case lbfgs(LBFGS)
    }

    public struct Options: Sendable {
        /// Inverse regularisation strength, as in sklearn.
        public var c: Double = 1
        public var solver: Solver = .sgd(SGD())
        public var threads: Int = siftThreadCount

        public init(c: Double = 1, solver: Solver = .sgd(SGD()), threads: Int = siftThreadCount) {
            self.c = c
            self.solver = solver
            self.threads = threads
        }

        /// The same options on one thread, for fits that run side by side.
        var singleThreaded: Options {
            var options = self
            options.threads = 1
            return options
        }
    }

    /// Number of classes of the whole task (probabilities have this many entries).
    public let classCount: Int
    /// The classes the training rows had, ascending; a model knows only these.
    let trainedClasses: [Int]
    /// Compact column per bucket, -1 for buckets no training row had (see `FeatureMatrix`).
    let columnOfBucket: [Int32]
    /// Column-major: the weights of compact column j are `weights[j*k ..< (j+1)*k]`, k = trained classes.
    let weights: [Double]
    let bias: [Double]
    /// L-BFGS iterations, or SGD epochs.
    public let iterations: Int
    /// Whether L-BFGS reached its gradient tolerance; SGD runs its fixed schedule and says true.
    public let converged: Bool

    /// Trains on `rows` with `labels` in `0..<classCount`.
    public static func fit(rows: [FeatureVector], labels: [Int], classCount: Int, options: Options = Options()) -> LogisticRegression {
        precondition(rows.count == labels.count && !rows.isEmpty)
        let present = Array(Set(labels)).sorted()
        if present.count == 1 {
            return LogisticRegression(classCount: classCount, trainedClasses: present, columnOfBucket: [], weights: [],
                                      bias: [0], iterations: 0, converged: true)
        }
        var local = [Int](repeating: 0, count: classCount)
        for (i, c) in present.enumerated() { local[c] = i }
        let matrix = FeatureMatrix(rows)
        let labels = labels.map { local[$0] }
        switch options.solver {
        case .sgd(let sgd):
            let trained = sgd.train(matrix, labels: labels, classCount: present.count, lambda: 1 / (options.c * Double(labels.count)))
            return LogisticRegression(classCount: classCount, trainedClasses: present, columnOfBucket: matrix.columnOfBucket,
                                      weights: trained.weights, bias: trained.bias, iterations: trained.epochs, converged: true)
        case .lbfgs(let lbfgs):
            let objective = SoftmaxObjective(matrix: matrix, labels: labels, classCount: present.count, c: options.c, threads: options.threads)
            let result = lbfgs.minimize(start: [Double](repeating: 0, count: objective.parameterCount)) { objective.evaluate($0) }
            let split = matrix.columnCount * present.count
            return LogisticRegression(classCount: classCount, trainedClasses: present, columnOfBucket: matrix.columnOfBucket,
                                      weights: Array(result.x[..<split]), bias: Array(result.x[split...]),
                                      iterations: result.iterations, converged: result.converged)
        }
    }

    /// P(class | row) for every class of the task (0 for classes absent from training).
    public func probabilities(_ row: FeatureVector) -> [Double] {
        let k = trainedClasses.count
        var scores = bias
        if k > 1 {
            for (bucket, value) in zip(row.buckets, row.values) {
                let column = columnOfBucket[Int(bucket)]
                guard column >= 0 else { continue }
                let base = Int(column) * k
                for c in 0..<k { scores[c] += value * weights[base + c] }
            }
        }
        let probabilities = softmax(scores)
        var out = [Double](repeating: 0, count: classCount)
        for (i, c) in trainedClasses.enumerated() { out[c] = probabilities[i] }
        return out
    }

    /// Probabilities of many rows, on all cores (each row independent, so order and values do not
    /// depend on the thread count).
    public func probabilities(_ rows: [FeatureVector], threads: Int = siftThreadCount) -> [[Double]] {
        parallelMap(count: rows.count, threads: threads) { self.probabilities(rows[$0]) }
    }

    /// The most probable class (the first on ties, as numpy's argmax).
    public func predict(_ row: FeatureVector) -> Int { argmax(probabilities(row)) }
}

func softmax(_ scores: [Double]) -> [Double] {
    let top = scores.max() ?? 0
    var out = scores.map { exp($0 - top) }
    let total = out.reduce(0, +)
    for i in out.indices { out[i] /= total }
    return out
}

/// Index of the largest value, the first one on ties (numpy's `argmax`).
public func argmax(_ values: [Double]) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
}

/// The regularised mean cross-entropy and its gradient, evaluated in fixed blocks (see
/// `LogisticRegression`). Parameters: the column-major weights, then the k intercepts.
struct SoftmaxObjective: Sendable {
    static let rowBlock = 256
    /// Non-zeros per block of columns (a block holds whole columns, at least one). Each column's
    /// gradient is summed within its block, so where blocks end changes no value, only how evenly
    /// the threads share the work: frequent columns come first (`FeatureMatrix`) and hold most of it.
    static let columnBlockEntries = 1 << 15

    let matrix: FeatureMatrix
    let columnStart: [Int]
    /// First column of each block of the gradient, and the column count at the end.
    let columnBlockStart: [Int]
    let columnRows: [Int32]
    let columnValues: [Double]
    let labels: [Int]
    let classCount: Int
    let lambda: Double
    let threads: Int

    init(matrix: FeatureMatrix, labels: [Int], classCount: Int, c: Double, threads: Int) {
        self.matrix = matrix
        let columns = matrix.transposed()
        columnStart = columns.columnStart
        var blockStart = [0]
        for j in 0..<matrix.columnCount where columns.columnStart[j + 1] - columns.columnStart[blockStart.last!] >= Self.columnBlockEntries {
            blockStart.append(j + 1)
        }
        if blockStart.last! != matrix.columnCount { blockStart.append(matrix.columnCount) }
        columnBlockStart = blockStart
        columnRows = columns.rows
        columnValues = columns.values
        self.labels = labels
        self.classCount = classCount
        lambda = 1 / (c * Double(labels.count))
        self.threads = threads
    }

    var parameterCount: Int { matrix.columnCount * classCount + classCount }

    func evaluate(_ theta: [Double]) -> (Double, [Double]) {
        let k = classCount
        let n = matrix.rowCount
        let weightCount = matrix.columnCount * k
        // Residuals softmax(z_i) - onehot(y_i) and the loss, per block of rows.
        let rowBlocks = (n + Self.rowBlock - 1) / Self.rowBlock
        // Buffer pointers inside each block: the loops below are the whole cost of training, and
        // array subscripts would check bounds on every multiply-add. Same operations, same order.
        let blocks = parallelMap(count: rowBlocks, threads: threads, minimumPerSlice: 1) { b -> (Double, [Double]) in
            let lower = b * Self.rowBlock, upper = min(n, lower + Self.rowBlock)
            var residuals = [Double](repeating: 0, count: (upper - lower) * k)
            var loss = 0.0
            var scores = [Double](repeating: 0, count: k)
            theta.withUnsafeBufferPointer { theta in
            matrix.rowStart.withUnsafeBufferPointer { rowStart in
            matrix.columns.withUnsafeBufferPointer { columns in
            matrix.values.withUnsafeBufferPointer { values in
            labels.withUnsafeBufferPointer { labels in
            residuals.withUnsafeMutableBufferPointer { residuals in
            scores.withUnsafeMutableBufferPointer { scores in
                for r in lower..<upper {
                    for c in 0..<k { scores[c] = theta[weightCount + c] }
                    for p in rowStart[r]..<rowStart[r + 1] {
                        let base = Int(columns[p]) * k
                        let x = values[p]
                        for c in 0..<k { scores[c] += x * theta[base + c] }
                    }
                    var top = scores[0]
                    for c in 1..<k where scores[c] > top { top = scores[c] }
                    var total = 0.0
                    for c in 0..<k { total += exp(scores[c] - top) }
                    let logTotal = log(total) + top
                    loss += logTotal - scores[labels[r]]
                    let offset = (r - lower) * k
                    for c in 0..<k { residuals[offset + c] = exp(scores[c] - logTotal) }
                    residuals[offset + labels[r]] -= 1
                }
            }}}}}}}
            return (loss, residuals)
        }
        var loss = 0.0
        var joined: [Double] = []
        joined.reserveCapacity(n * k)
        for (blockLoss, blockResiduals) in blocks {
            loss += blockLoss
            joined.append(contentsOf: blockResiduals)
        }
        let residuals = joined
        let inverseN = 1 / Double(n)
        // Weight gradient per block of columns: (1/n) Σ_i x_ij r_ik + λ w_jk.
        let gradientBlocks = parallelMap(count: columnBlockStart.count - 1, threads: threads, minimumPerSlice: 1) { b -> [Double] in
            let lower = columnBlockStart[b], upper = columnBlockStart[b + 1]
            var out = [Double](repeating: 0, count: (upper - lower) * k)
            theta.withUnsafeBufferPointer { theta in
            residuals.withUnsafeBufferPointer { residuals in
            columnStart.withUnsafeBufferPointer { columnStart in
            columnRows.withUnsafeBufferPointer { columnRows in
            columnValues.withUnsafeBufferPointer { columnValues in
            out.withUnsafeMutableBufferPointer { out in
                for j in lower..<upper {
                    let base = (j - lower) * k
                    for p in columnStart[j]..<columnStart[j + 1] {
                        let r = Int(columnRows[p]) * k
                        let x = columnValues[p]
                        for c in 0..<k { out[base + c] += x * residuals[r + c] }
                    }
                    for c in 0..<k { out[base + c] = out[base + c] * inverseN + lambda * theta[j * k + c] }
                }
            }}}}}}
            return out
        }
        var gradient: [Double] = []
        gradient.reserveCapacity(parameterCount)
        for block in gradientBlocks { gradient.append(contentsOf: block) }
        var biasGradient = [Double](repeating: 0, count: k)
        for r in 0..<n { for c in 0..<k { biasGradient[c] += residuals[r * k + c] } }
        gradient.append(contentsOf: biasGradient.map { $0 * inverseN })
        var squares = 0.0
        for i in 0..<weightCount { squares += theta[i] * theta[i] }
        return (loss * inverseN + lambda / 2 * squares, gradient)
    }
}

import SiftCore

/// Out-of-fold predicted probabilities: each record's probabilities come from a model trained on
/// the other folds (stratified, seeded), as confident learning requires.
public enum CrossValidation {
    /// The fold count of `sift label-errors`, `sift curve` (without `--eval`), `sift split
    /// --drop-label-errors` and the `drop-label-errors` recipe step: one definition for the CLI
    /// and the recipe schema.
    public static let folds = IntegerParameter("folds", 2...100, help: "Cross-validation folds.")

    /// The folds' models train side by side on `options.threads` threads, each on one; every fold's
    /// model is the same whichever thread trains it, so the result does not depend on the count.
    public static func outOfFoldProbabilities(_ data: LabeledDataset, folds k: Int, seed: UInt64,
                                              options: LogisticRegression.Options = .init()) -> [[Double]] {
        let classCount = data.classNames.count
        let fold = StratifiedOrder.folds(count: data.count, labels: data.labels, classCount: classCount, folds: k, seed: seed)
        let single = options.singleThreaded
        let predictedByFold = parallelMap(count: k, threads: options.threads, minimumPerSlice: 1) { f -> (held: [Int], probabilities: [[Double]]) in
            let train = (0..<data.count).filter { fold[$0] != f }
            let held = (0..<data.count).filter { fold[$0] == f }
            guard !held.isEmpty else { return ([], []) }
            let model = LogisticRegression.fit(rows: train.map { data.features[$0] }, labels: train.map { data.labels[$0] },
                                               classCount: classCount, options: single)
            return (held, model.probabilities(held.map { data.features[$0] }, threads: 1))
        }
        var probabilities = [[Double]](repeating: [], count: data.count)
        for (held, predicted) in predictedByFold {
            for (i, index) in held.enumerated() { probabilities[index] = predicted[i] }
        }
        return probabilities
    }
}

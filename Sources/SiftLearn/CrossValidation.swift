import SiftCore

/// Out-of-fold predicted probabilities: each record's probabilities come from a model trained on
/// the other folds (stratified, seeded), as confident learning requires.
public enum CrossValidation {
    public static func outOfFoldProbabilities(_ data: LabeledDataset, folds k: Int, seed: UInt64,
                                              options: LogisticRegression.Options = .init()) -> [[Double]] {
        let classCount = data.classNames.count
        let fold = StratifiedOrder.folds(count: data.count, labels: data.labels, classCount: classCount, folds: k, seed: seed)
        var probabilities = [[Double]](repeating: [], count: data.count)
        for f in 0..<k {
            let train = (0..<data.count).filter { fold[$0] != f }
            let held = (0..<data.count).filter { fold[$0] == f }
            guard !held.isEmpty else { continue }
            let model = LogisticRegression.fit(rows: train.map { data.features[$0] }, labels: train.map { data.labels[$0] },
                                               classCount: classCount, options: options)
            let predicted = model.probabilities(held.map { data.features[$0] }, threads: options.threads)
            for (i, index) in held.enumerated() { probabilities[index] = predicted[i] }
        }
        return probabilities
    }
}

import SiftCore

/// Removing likely label errors before the data is used: `sift split --drop-label-errors` and the
/// recipe step `drop-label-errors`. The settings are `sift label-errors`'s, with its defaults (5
/// folds, prune_by_noise_rate, seed 42), and the records are found by its very code
/// (`LabeledDataset.read`, then `LabelIssues.run`), so that both remove exactly the records
/// `sift label-errors` lists on the same data.
public struct LabelErrorRemoval: Sendable {
    /// The `_sift` key a removed record is annotated under.
    public static let annotationKey = "label_errors"

    /// `sift label-errors`'s defaults, which its flags, `sift split --drop-label-errors` and the
    /// recipe step all start from.
    public static let defaultFolds = 5
    public static let defaultFilterBy = ConfidentLearning.FilterBy.pruneByNoiseRate
    public static let defaultSeed: UInt64 = 42

    public var labelField: String
    /// The text to classify (default: the kind's text, as `sift label-errors --text-field`).
    public var textField: String?
    /// The user's own out-of-fold probabilities instead of the built-in learner (`--pred-probs`).
    public var probabilitiesFile: String?
    public var folds: Int
    public var filterBy: ConfidentLearning.FilterBy
    /// Seeds the folds, as `sift label-errors --seed`.
    public var seed: UInt64

    public init(labelField: String, textField: String? = nil, probabilitiesFile: String? = nil, folds: Int = defaultFolds,
                filterBy: ConfidentLearning.FilterBy = defaultFilterBy, seed: UInt64 = defaultSeed) {
        self.labelField = labelField
        self.textField = textField
        self.probabilitiesFile = probabilitiesFile
        self.folds = folds
        self.filterBy = filterBy
        self.seed = seed
    }

    /// Confident learning over `paths`. Malformed records are left out and the rest keep their
    /// numbering among the well-formed records (the caller writes malformed input to its rejects).
    /// A record without the label, or without text, is an error naming its file and line (exit 65),
    /// as in `sift label-errors`: a record that cannot be judged is neither kept nor removed silently.
    public func find(paths: [String], readOptions: ReadOptions = ReadOptions()) throws -> LabelIssueReport {
        let data = try LabeledDataset.read(paths: paths, labelField: labelField, textField: textField, readOptions: readOptions,
                                           skippingMalformed: true)
        return try LabelIssues.run(data, probabilitiesFile: probabilitiesFile, folds: folds, seed: seed, filterBy: filterBy)
    }
}

extension LabelIssueReport {
    /// What each flagged record carries under `_sift.label_errors` when it is removed, by its index
    /// among the well-formed records: the given label, the suggested one (the most probable
    /// class), the self-confidence (the probability of the given label), its rank in
    /// `sift label-errors`'s list and the rule that flagged it.
    public var removalAnnotations: [Int: JSONValue] {
        var annotations: [Int: JSONValue] = [:]
        for (rank, i) in result.ranked.enumerated() {
            annotations[i] = .object(["reason": "label_error", "given": .string(classNames[labels[i]]),
                                      "suggested": .string(classNames[result.suggested[i]]),
                                      "self_confidence": .double(result.selfConfidence[i]), "rank": .integer(rank + 1),
                                      "filter_by": .string(filterBy.rawValue)])
        }
        return annotations
    }

    /// A short account for reports that remove the flagged records (`sift split --json`).
    public var removalSummary: JSONValue {
        .object(["records": .integer(records), "flagged": .integer(flaggedCount), "filter_by": .string(filterBy.rawValue),
                 "probabilities": .string(probabilitySource), "estimated_noise_rate": .double(result.estimatedNoiseRate)])
    }
}

import SiftCore

/// What `sift decontam` found and did. Like the dedup report it holds no timings, so it is as
/// reproducible as the outputs.
public struct DecontamReport: Sendable {
    public struct Side: Sendable {
        public var files: [String]
        public var kind: DatasetKind = .unknown
        public var compared = ""
        public var items = 0
        public var records = 0
        public var malformedCount = 0
        public var malformed: [MalformedRecord] = []
        public var withoutText = ReferenceSample()
        public var diagnostics: [ReadDiagnostic] = []

        init(files: [String]) {
            self.files = files
        }
    }

    /// One contaminated evaluation item and the training records that contain its text.
    public struct ContaminatedItem: Sendable {
        public var reference: String
        public var rule: EvalOverlapIndex.Rule
        public var trainRecords = ReferenceSample()
        public var example: String
    }

    public var options: DecontamOptions
    public var train: Side
    public var eval: Side
    /// Evaluation items checked by n-gram, by whole text, and left unchecked as too short.
    public var checkedByNgram = 0
    public var checkedWhole = 0
    public var tooShort = ReferenceSample()
    /// Contaminated evaluation items, in evaluation order (all of them: evaluation sets are small).
    public var contaminated: [ContaminatedItem] = []
    /// Training records that contain an evaluation item's text.
    public var contaminatingTrainRecords = 0
    /// Of the filtered side (train, or eval with `--drop-eval`): records kept and removed.
    public var kept = 0
    public var removed = 0

    public init(options: DecontamOptions, trainFiles: [String], evalFiles: [String]) {
        self.options = options
        train = Side(files: trainFiles)
        eval = Side(files: evalFiles)
    }

    /// The side whose records are written out.
    public var filtered: Side { options.dropEval ? eval : train }

    /// kept + removed = records of the filtered side, and records + malformed = items read.
    public var countsAddUp: Bool {
        kept + removed == filtered.records && filtered.records + filtered.malformedCount == filtered.items
            && train.records + train.malformedCount == train.items && eval.records + eval.malformedCount == eval.items
    }

    public static let listLimit = 100
}

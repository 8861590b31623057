import SiftCore

/// What `sift dedup` did: the counts that must add up, what was compared and how, and samples of
/// what was removed. Every figure in it is a function of the input and options (no timings), so
/// the `--json` report is as reproducible as the outputs.
public struct DedupReport: Sendable {
    public var files: [String]
    public var kind: DatasetKind
    public var compared: String
    public var options: DedupOptions
    /// Lines, rows or array elements read (blank lines excluded): `records + malformedCount`.
    public var items = 0
    public var records = 0
    public var malformedCount = 0
    /// The first `DedupReport.listLimit` malformed items (all are counted and written to --removed).
    public var malformed: [MalformedRecord] = []
    public var diagnostics: [ReadDiagnostic] = []
    /// Records with a non-blank text, the ones compared.
    public var documents = 0
    public var kept = 0
    public var removedExact = 0
    public var removedNear = 0
    public var clusters = 0
    public var largestCluster = 0
    /// Records whose text is blank: kept, never compared (they would all be "identical").
    public var blankTexts = ReferenceSample()
    /// Records with no text to compare: kept untouched.
    public var withoutText = ReferenceSample()
    /// Candidate pairs compared by signature and accepted; pairs dropped by `--verify`.
    public var comparisons = 0
    public var acceptedPairs = 0
    public var rejectedByVerification = 0
    /// Bytes the first pass holds per compared document (signature, band tables, fingerprint,
    /// union-find), from allocated capacities.
    public var bytesHeldPerDocument = 0
    public var sampleClusters: [ClusterSample] = []

    public static let listLimit = 100
    public static let sampleClusterLimit = 10
    public static let sampleMemberLimit = 5

    public init(files: [String], kind: DatasetKind, compared: String, options: DedupOptions) {
        self.files = files
        self.kind = kind
        self.compared = compared
        self.options = options
    }

    public var removed: Int { removedExact + removedNear }

    /// The promise of every Sift command that writes data: kept + removed = records, and records +
    /// malformed = items read.
    public var countsAddUp: Bool { kept + removed == records && records + malformedCount == items }

    /// A few clusters as they were decided: the record kept and the first removed ones.
    public struct ClusterSample: Sendable {
        public var id: Int
        public var size: Int
        public var kept: String?
        public var removed: [(reference: String, reason: String, similarity: Double)] = []
    }
}

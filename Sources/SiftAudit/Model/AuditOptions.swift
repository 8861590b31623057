import SiftCore

/// What the user told the audit.
public struct AuditOptions: Sendable {
    /// Nil: the purpose the detected kind suggests.
    public var purpose: Purpose?
    /// The label set declared with `--labels`; nil when none was declared.
    public var labels: [String]?
    /// The day ages are measured at, in seconds since 1970 (midnight UTC of `--as-of`).
    public var asOf: Double
    /// Records older than this many days at `asOf` are stale.
    public var maxAgeDays: Int
    /// Estimated Jaccard at which a record is a near-copy; nil skips `near_duplicate`, the one
    /// check whose memory grows with the dataset (a MinHash signature per distinct text).
    public var nearDuplicateThreshold: Double?
    /// Checks that are off by default, turned on by name (`--check`): see `AuditPlan.optionalChecks`.
    public var optionalChecks: Set<String> = []

    public init(purpose: Purpose? = nil, labels: [String]? = nil, asOf: Double, maxAgeDays: Int = 365, nearDuplicateThreshold: Double? = 0.8) {
        self.purpose = purpose
        self.labels = labels
        self.asOf = asOf
        self.maxAgeDays = maxAgeDays
        self.nearDuplicateThreshold = nearDuplicateThreshold
    }
}

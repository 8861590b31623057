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

    public init(purpose: Purpose? = nil, labels: [String]? = nil, asOf: Double, maxAgeDays: Int = 365) {
        self.purpose = purpose
        self.labels = labels
        self.asOf = asOf
        self.maxAgeDays = maxAgeDays
    }
}

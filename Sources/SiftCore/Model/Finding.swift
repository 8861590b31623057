/// How much a finding matters. Ordered, so CI gates can say "warning or worse".
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One observation about a dataset, with the records it concerns, shared by every report that
/// points at records (audit, filter, dedup, PII): what was checked, how bad, how many, which ones.
public struct Finding: Sendable {
    /// Stable identifier of the check (`exact_duplicate`, `role_order`...): part of the JSON contract.
    public var check: String
    public var severity: Severity
    public var message: String
    public var count: Int
    /// References to (up to `Finding.maxReferences`) records: the record's `id`, else `line:N`.
    public var records: [String]

    public static let maxReferences = 20

    public init(check: String, severity: Severity, message: String, count: Int, records: [String] = []) {
        self.check = check
        self.severity = severity
        self.message = message
        self.count = count
        self.records = Array(records.prefix(Finding.maxReferences))
    }
}

/// Collects up to `limit` references while counting all occurrences: reports stay small on huge
/// datasets and the count is still exact.
public struct ReferenceSample: Sendable {
    public private(set) var count = 0
    public private(set) var references: [String] = []
    public let limit: Int

    public init(limit: Int = Finding.maxReferences) {
        self.limit = limit
    }

    public mutating func add(_ reference: @autoclosure () -> String) {
        count += 1
        if references.count < limit { references.append(reference()) }
    }
}

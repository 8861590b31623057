import SiftCore

/// A finding of the audit: SiftCore's `Finding` placed on a pyramid level, with the share of the
/// dataset it concerns (what the dimension score is computed from) and a few escaped-on-output
/// excerpts of the records it points at, so the HTML report can show examples, not only ids.
public struct AuditFinding: Sendable {
    public var finding: Finding
    public var dimension: Dimension
    /// The affected share in [0, 1]: usually `count / records`; checks whose count is not a number
    /// of records (labels, for `label_coverage`) say what they divide by in `docs/audit.md`.
    public var rate: Double
    /// Up to `AuditFinding.maxExamples` short excerpts of affected records, reference first.
    public var examples: [Example]

    public static let maxExamples = 3

    public struct Example: Sendable, Equatable {
        public var reference: String
        public var text: String

        public init(reference: String, text: String) {
            self.reference = reference
            self.text = text
        }
    }

    public init(check: String, dimension: Dimension, severity: Severity, message: String, count: Int,
                rate: Double, records: [String] = [], examples: [Example] = []) {
        finding = Finding(check: check, severity: severity, message: message, count: count, records: records)
        self.dimension = dimension
        self.rate = min(1, max(0, rate.isFinite ? rate : 0))
        self.examples = Array(examples.prefix(AuditFinding.maxExamples))
    }

    public var check: String { finding.check }
    public var severity: Severity { finding.severity }
    public var message: String { finding.message }
    public var count: Int { finding.count }
    public var records: [String] { finding.records }
}

/// References and example excerpts of the records a check flags, with the exact count. It keeps at
/// most `Finding.maxReferences` references and `AuditFinding.maxExamples` excerpts whatever the
/// dataset size, so a check's memory does not grow with the records it flags.
public struct FlaggedRecords: Sendable {
    public private(set) var sample = ReferenceSample()
    public private(set) var examples: [AuditFinding.Example] = []

    public init() {}

    public var count: Int { sample.count }
    public var references: [String] { sample.references }

    public mutating func add(_ record: AuditRecord, excerpt: @autoclosure () -> String? = nil) {
        sample.add(record.reference)
        if examples.count < AuditFinding.maxExamples {
            examples.append(AuditFinding.Example(reference: record.reference, text: Self.shorten(excerpt() ?? record.excerpt)))
        }
    }

    /// Adds a flagged item known only by its reference (a malformed line, a record seen earlier).
    public mutating func add(reference: String, excerpt: String?) {
        sample.add(reference)
        if let excerpt, examples.count < AuditFinding.maxExamples {
            examples.append(AuditFinding.Example(reference: reference, text: Self.shorten(excerpt)))
        }
    }

    /// Excerpts are kept short: they illustrate a finding; the record itself is in the dataset.
    static func shorten(_ text: String, limit: Int = 300) -> String {
        // No more bytes than the limit means no more characters: nothing to cut, and no need to
        // walk the grapheme clusters (this runs for every tracked opening and term).
        if text.utf8.count <= limit { return text }
        guard let cut = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), cut < text.endIndex else { return text }
        return String(text[..<cut]) + "…"
    }

    public func finding(_ check: String, _ dimension: Dimension, _ severity: Severity, _ message: String, rate: Double) -> AuditFinding {
        AuditFinding(check: check, dimension: dimension, severity: severity, message: message, count: count, rate: rate,
                     records: references, examples: examples)
    }
}

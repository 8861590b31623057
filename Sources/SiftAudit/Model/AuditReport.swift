import SiftCore

/// Everything an audit found: the answer of `sift audit`, rendered as terminal text, JSON and HTML.
public struct AuditReport: Sendable {
    public var files: [String]
    public var formats: [DatasetFormat]
    public var bytes: Int
    public var kind: DatasetKind
    public var purpose: Purpose
    /// The kind each file was read as (all `kind` unless several files of different kinds are audited).
    public var fileKinds: [(file: String, kind: DatasetKind)]
    public var options: AuditOptions
    public var records: Int
    public var malformedCount: Int
    /// The first malformed items with their errors (all are counted in `malformed_record`).
    public var malformed: [MalformedRecord]
    public var diagnostics: [ReadDiagnostic]
    /// All findings, pyramid levels in order (base first), then provenance; within a level by
    /// severity (worst first), then count.
    public var findings: [AuditFinding]
    public var sufficiency: Sufficiency
    public var charts: [AuditChart]
    public var metrics: [(name: String, value: JSONValue)]

    public func findings(in dimension: Dimension) -> [AuditFinding] {
        findings.filter { $0.dimension == dimension }
    }

    public func score(_ dimension: Dimension) -> Int { Scoring.score(findings(in: dimension)) }

    public func chart(_ id: String) -> AuditChart? { charts.first { $0.id == id } }

    public func metric(_ name: String) -> JSONValue? { metrics.first { $0.name == name }?.value }

    /// Whether a `--fail-on` gate at `level` fails: a finding of that severity or worse exists.
    public func failsGate(at level: Severity) -> Bool {
        findings.contains { $0.severity >= level }
    }

    static func ordered(_ findings: [AuditFinding]) -> [AuditFinding] {
        let rank = Dictionary(uniqueKeysWithValues: Dimension.allCases.enumerated().map { ($1, $0) })
        return findings.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.dimension != y.dimension { return rank[x.dimension]! < rank[y.dimension]! }
            if x.severity != y.severity { return x.severity > y.severity }
            if x.count != y.count { return x.count > y.count }
            return a.offset < b.offset
        }.map(\.element)
    }
}

import SiftCore

/// One check of the audit, as a self-contained unit (one type per check, or per closely related
/// group of checks, in the manner of datatrove's one-step-per-class pipelines).
///
/// A check sees records in two steps so that the audit can use every core and still be exact:
/// `observe` is a pure function of one record and runs on the worker threads (the expensive part:
/// scanning text, hashing); `absorb` folds observations into the check's state strictly in record
/// order on one thread (the cheap part: counters, hash tables). `conclude` turns the final state
/// into findings, charts and metrics. New checks (near-duplicates from SiftDedup, PII from
/// SiftClean) plug in by conforming to this protocol and being listed in `AuditPlan`.
public protocol AuditCheck: Sendable {
    associatedtype Observation: Sendable
    associatedtype State

    /// Computes what the check needs from one record. Must not depend on other records.
    func observe(_ record: AuditRecord) -> Observation
    /// A fresh state for a new audit.
    func makeState() -> State
    /// Folds one observation into the state; called once per record, in input order.
    func absorb(_ observation: Observation, of record: AuditRecord, into state: inout State)
    /// The findings (and charts, metrics) once every record has been absorbed.
    func conclude(_ state: State, context: AuditContext) -> CheckResult

    /// `observe` over a slice. Requirements with default implementations, so that the loops are
    /// compiled for each concrete check (the protocol witness is specialised) rather than run
    /// through generic value witnesses, which costs more than most checks themselves.
    func observeAll(_ records: ArraySlice<AuditRecord>) -> [Observation]
    /// `absorb` over a slice, in order.
    func absorbAll(_ observations: [Observation], of records: ArraySlice<AuditRecord>, into state: inout State)
}

extension AuditCheck {
    // Records are read through a buffer pointer: each is borrowed in place, where reading an
    // array element retains and releases it, twice per record for every check.
    public func observeAll(_ records: ArraySlice<AuditRecord>) -> [Observation] {
        records.withUnsafeBufferPointer { records in
            var out: [Observation] = []
            out.reserveCapacity(records.count)
            for i in records.indices { out.append(observe(records[i])) }
            return out
        }
    }

    public func absorbAll(_ observations: [Observation], of records: ArraySlice<AuditRecord>, into state: inout State) {
        records.withUnsafeBufferPointer { records in
            for i in observations.indices { absorb(observations[i], of: records[i], into: &state) }
        }
    }
}

/// What a check knows about the whole audit when it concludes.
public struct AuditContext: Sendable {
    public var records: Int
    public var kind: DatasetKind
    public var purpose: Purpose
    public var options: AuditOptions

    public init(records: Int, kind: DatasetKind, purpose: Purpose, options: AuditOptions) {
        self.records = records
        self.kind = kind
        self.purpose = purpose
        self.options = options
    }

    /// `count / records`, 0 for an empty dataset.
    public func rate(_ count: Int) -> Double { records == 0 ? 0 : Double(count) / Double(records) }
}

/// What a check concludes: its findings, the charts it can draw, and named measurements.
public struct CheckResult: Sendable {
    public var findings: [AuditFinding]
    public var charts: [AuditChart]
    public var metrics: [(name: String, value: JSONValue)]

    public init(findings: [AuditFinding] = [], charts: [AuditChart] = [], metrics: [(name: String, value: JSONValue)] = []) {
        self.findings = findings
        self.charts = charts
        self.metrics = metrics
    }
}

/// A chart's data: ordered bins (histograms) or ranked items (distributions), rendered as inline
/// SVG in the HTML report and as arrays in the JSON report.
public struct AuditChart: Sendable {
    public enum Style: Sendable { case columns, bars }

    /// Stable key in the JSON report: `length_histogram`, `label_distribution`, `age_histogram`...
    public var id: String
    public var title: String
    public var style: Style
    public var bins: [(label: String, value: Int)]

    public init(id: String, title: String, style: Style, bins: [(label: String, value: Int)]) {
        self.id = id
        self.title = title
        self.style = style
        self.bins = bins
    }
}

/// Runs one check over batches, hiding its observation and state types from the auditor.
protocol CheckRunning: AnyObject, Sendable {
    func observe(_ records: ArraySlice<AuditRecord>) -> any Sendable
    func absorb(_ observations: any Sendable, of records: ArraySlice<AuditRecord>)
    func conclude(context: AuditContext) -> CheckResult
}

/// `observe` reads only the immutable check and may run on several threads at once; `state` is
/// touched only by `absorb` and `conclude`, which the auditor calls from one thread, in order.
/// That division is what makes the unchecked sendability sound.
final class CheckRunner<Check: AuditCheck>: CheckRunning, @unchecked Sendable {
    let check: Check
    private var state: Check.State

    init(_ check: Check) {
        self.check = check
        state = check.makeState()
    }

    func observe(_ records: ArraySlice<AuditRecord>) -> any Sendable {
        check.observeAll(records)
    }

    func absorb(_ observations: any Sendable, of records: ArraySlice<AuditRecord>) {
        check.absorbAll(observations as! [Check.Observation], of: records, into: &state)
    }

    func conclude(context: AuditContext) -> CheckResult {
        check.conclude(state, context: context)
    }
}

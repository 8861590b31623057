import SiftCore

/// `stale_record`, `missing_date`, `future_date` and the age histogram, from each record's date
/// field (`updated_at`, `last_modified`, `published_at`, `created_at`, `date`, ...; the first
/// present in `RecordSchema.timestampFields`), read by `TimestampParser`.
///
/// - age = (`--as-of` − date) in days; `stale_record` when age > `--max-age` (default 365): a
///   knowledge base that answers from it answers with last year's facts. A warning.
/// - `future_date`: a date more than one day after `--as-of` (one day of slack for time zones):
///   a wrong date or a wrong `--as-of`. An error.
/// - `missing_date`: no readable date. When some records have dates, the others are a warning
///   (freshness cannot be checked for them). When none do, one finding says freshness cannot be
///   judged: a warning for a RAG knowledge base, where it matters most, a note otherwise.
struct FreshnessCheck: AuditCheck {
    let asOf: Double
    let maxAgeDays: Int

    static let bins: [(label: String, upperDays: Double)] = [
        ("< 30 days", 30), ("30-90 days", 90), ("90-180 days", 180), ("180-365 days", 365),
        ("1-2 years", 730), ("2-5 years", 1_826), ("5+ years", .infinity),
    ]

    enum Observation: Sendable {
        case noDateField
        case unreadable
        case age(days: Double)
    }

    struct State {
        var stale = FlaggedRecords()
        var future = FlaggedRecords()
        var missing = FlaggedRecords()
        var unreadable = 0
        var dated = 0
        var histogram = Array(repeating: 0, count: FreshnessCheck.bins.count)
        var futureCount = 0
    }

    func observe(_ record: AuditRecord) -> Observation {
        guard record.content.timestamp != nil else { return .noDateField }
        guard let parsed = record.timestamp else { return .unreadable }
        return .age(days: (asOf - parsed.secondsSince1970) / 86_400)
    }

    func makeState() -> State { State() }

    func absorb(_ observation: Observation, of record: AuditRecord, into state: inout State) {
        // The date as written, for examples: built only for the few records an example shows.
        func raw() -> String? { record.content.timestamp.map { "\($0.field): \($0.value.scalarText ?? JSONWriter().string($0.value))" } }
        switch observation {
        case .noDateField:
            state.missing.add(record)
        case .unreadable:
            state.missing.add(record, excerpt: raw())
            state.unreadable += 1
        case .age(let days):
            state.dated += 1
            if days < -1 {
                state.future.add(record, excerpt: raw())
                state.futureCount += 1
            } else {
                let bin = Self.bins.firstIndex { days < $0.upperDays } ?? Self.bins.count - 1
                state.histogram[bin] += 1
                if days > Double(maxAgeDays) { state.stale.add(record, excerpt: raw()) }
            }
        }
    }

    func conclude(_ state: State, context: AuditContext) -> CheckResult {
        var findings: [AuditFinding] = []
        let asOfDay = Self.day(asOf)
        if state.stale.count > 0 {
            let n = state.stale.count
            findings.append(state.stale.finding("stale_record", .freshness, .warning,
                                                "\(n) record\(plural(n)) \(verb(n, "is", "are")) older than \(maxAgeDays) days at \(asOfDay)", rate: context.rate(n)))
        }
        if state.future.count > 0 {
            let n = state.future.count
            findings.append(state.future.finding("future_date", .freshness, .error,
                                                 "\(n) record\(plural(n)) \(verb(n, "is", "are")) dated after \(asOfDay)", rate: context.rate(n)))
        }
        if state.missing.count > 0 {
            let n = state.missing.count
            if state.dated == 0 && state.unreadable == 0 {
                let severity: Severity = context.purpose == .rag ? .warning : .info
                findings.append(state.missing.finding("missing_date", .freshness, severity,
                    "no record has a date field (\(RecordSchema.timestampFields.prefix(4).joined(separator: ", ")), ...): freshness cannot be judged",
                    rate: context.rate(n)))
            } else {
                let unreadable = state.unreadable > 0 ? " (\(state.unreadable) with a date Sift cannot read)" : ""
                findings.append(state.missing.finding("missing_date", .freshness, .warning,
                    "\(n) record\(plural(n)) \(verb(n, "has", "have")) no usable date\(unreadable)", rate: context.rate(n)))
            }
        }
        guard state.dated > 0 else { return CheckResult(findings: findings) }
        var bins = [(label: "future", value: state.futureCount)]
        bins += zip(Self.bins, state.histogram).map { ($0.label, $1) }
        return CheckResult(findings: findings, charts: [AuditChart(id: "age_histogram", title: "Record age at \(asOfDay)", style: .columns, bins: bins)],
                           metrics: [("dated_records", .integer(state.dated))])
    }

    /// `YYYY-MM-DD` of a UTC instant.
    static func day(_ seconds: Double) -> String { TimestampParser.isoDate(days: Int((seconds / 86_400).rounded(.down))) }
}
